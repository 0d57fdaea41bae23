"""The words the figures draw, in English and in Traditional Chinese (Taiwan).

Every figure function takes ``language``, one of :data:`LANGUAGES`, and asks
:func:`translate` for each text it draws that has words in it: axis labels,
legends, titles, tick labels, the labels of the diagrams.  The English text
is the key, and what the English figures draw; :data:`ZH_TW` holds its
Chinese.  A text with no Chinese raises a KeyError that names it: a figure
never falls back to English in the middle of the Chinese edition.

A key may hold ``str.format`` fields (``"rate {rate:g}"``), filled from the
values passed to :func:`translate`; without values the text is returned as it
is, so the braces of mathtext (``$(3{\\times}4)$``) need no doubling.

The Chinese follows the terms of ``docs/zh-TW/glossary.yml`` and never uses a
word of its ``avoid`` list.  Numbers and formulas stay as they are, with one
rule: matplotlib's mathtext has no Chinese glyphs, so a Chinese text never
contains ``$...$``.  Where the English label has a formula, the Chinese one
writes it in plain Unicode (``ŷ``, ``∂L/∂z``, ``ε²``) or leaves it out
(``損失（誤差平方和）``).
"""

import functools

LANGUAGES = ("en", "zh-TW")
"""The languages every figure can be drawn in."""

ZH_TW = {
    # Explorables: nn_from_scratch.explorables (the page's words; {fields} are filled in there)
    "the chapter's seed": "本章的種子",
    "another seed": "另一個種子",
    "a run that stalls": "停滯的一次訓練",
    "Iterations trained": "已訓練的迭代次數",
    "Seed": "種子",
    "{seed} ({note})": "{seed}（{note}）",
    "Sample": "樣本",
    "input": "輸入層",
    "hidden": "隱藏層",
    "output": "輸出層",
    "prediction": "預測值",
    "target": "目標值",
    "iterations trained: {iterations}, loss: {loss}": (
        "已訓練的迭代次數：{iterations}，損失：{loss}"
    ),
    "Output over the input square (x3 = 1)": "網路在整個輸入正方形上的輸出（x3 = 1）",
    "x1 from 0 (left) to 1 (right), x2 from 0 (bottom) to 1 (top)": (
        "x1 由左到右從 0 到 1，x2 由下到上從 0 到 1"
    ),
    "positive weight": "正的權重",
    "negative weight": "負的權重",
    "Learning rate": "學習率",
    "final loss": "最後的損失",
    "learning rate: {rate}, final loss: {loss}": "學習率：{rate}，最後的損失：{loss}",
    "Loss per iteration (both axes logarithmic)": "每次迭代的損失（兩軸皆為對數刻度）",
    "Predictions after 1500 iterations": "1500 次迭代後的預測值",
    "Epochs trained": "已訓練的訓練週期數",
    "epochs trained: {epochs}, training loss: {loss}": (
        "已訓練的訓練週期數：{epochs}，訓練損失：{loss}"
    ),
    "training loss": "訓練損失",
    "training accuracy": "訓練準確率",
    "filters of layer 1, 3 × 3": "第 1 層的濾波器，3 × 3",
    "layer 1: feature maps after ReLU": "第 1 層：ReLU 之後的特徵圖",
    "layer 2: feature maps after ReLU": "第 2 層：ReLU 之後的特徵圖",
    "the network's answer": "網路的答案",
    "label": "標籤",
    "{digit}: {probability}": "{digit}：{probability}",
    # Training runs: nn_from_scratch.figures.training_run, learning_rate, biases
    "iteration": "迭代次數",
    r"loss $\sum (y - \hat{y})^2$": "損失（誤差平方和）",
    "target $y$": "目標值 y",
    r"prediction $\hat{y}$": "預測值 ŷ",
    "sample {number}": "樣本 {number}",
    "value": "數值",
    "rate {rate:g}": "學習率 {rate:g}",
    "first {count} iterations": "前 {count} 次迭代",
    "all iterations (log scale)": "全部迭代（對數刻度）",
    "ones column, no biases (article)": "常數 1 的行，無偏置（原文）",
    "biases, no ones column": "有偏置，無常數 1 的行",
    "neither": "兩者皆無",
    # Activation functions: nn_from_scratch.figures.activation
    "sigmoid": "Sigmoid 函數",
    "tanh": "雙曲正切（tanh）",
    "ReLU": "ReLU",
    "leaky ReLU (slope {slope:g})": "leaky ReLU（斜率 {slope:g}）",
    "softmax of (z, 0), first output": "Softmax((z, 0)) 的第一個輸出",
    "function": "函數",
    "derivative": "導數",
    "score {score:g}": "分數 {score:g}",
    "probability": "機率",
    "softmax(scores / T)": "Softmax(分數 / T)",
    "layers below the top": "距頂層的層數",
    r"size of $\partial L / \partial z$ (RMS)": "∂L/∂z 的大小（均方根）",
    # Checking gradients: nn_from_scratch.figures.gradient_check
    r"one-sided $(f(w+h) - f(w)) / h$": "單側差分 (f(w+h) − f(w)) / h",
    r"central $(f(w+h) - f(w-h)) / 2h$": "中央差分 (f(w+h) − f(w−h)) / 2h",
    r"chosen $h = 10^{-6}$": "選用的 h = 10⁻⁶",
    "rounding error\ngrows like $1/h$": "捨入誤差\n正比於 1/h",
    "truncation error:\none-sided like $h$": "截斷誤差：\n單側差分正比於 h",
    "central\nlike $h^2$": "中央差分\n正比於 h²",
    r"step $h$": "步長 h",
    r"relative error of $\partial L / \partial W_1$": "∂L/∂W₁ 的相對誤差",
    # Handwritten digits: nn_from_scratch.figures.digits
    "cross-entropy loss": "交叉熵損失",
    "accuracy": "準確率",
    "training": "訓練集",
    "epoch": "訓練週期",
    "test, after training": "測試集（訓練後）",
    "test {accuracy:.1%}": "測試集 {accuracy:.1%}",
    "predicted digit": "預測的數字",
    "true digit": "真實的數字",
    # Convolutions: nn_from_scratch.figures.convolution
    "image x (4 × 4), patches 2 × 2": "影像 x（4 × 4），2 × 2 區塊",
    "cols = im2col(x): one column per patch": "cols = im2col(x)：每個區塊一行",
    "patch position (row, column)": "區塊位置（列，行）",
    "filter {number}": "卷積核 {number}",
    "one test digit, 8 × 8": "一個測試數字，8 × 8",
    "layer {layer}: {count} feature maps of {size} × {size}, after ReLU": (
        "第 {layer} 層：{count} 張 {size} × {size} 特徵圖，經過 ReLU"
    ),
    "{name}: {epochs} epochs, then test accuracy {accuracy:.1%}": (
        "{name}：{epochs} 個訓練週期後，測試準確率 {accuracy:.1%}"
    ),
    "training loss (cross-entropy)": "訓練損失（交叉熵）",
    # diagnostics: nn_from_scratch.figures.diagnostics ("cross-entropy loss" is above)
    "usable range": "可用範圍",
    "loss of each batch": "每個小批次的損失",
    "mean of {count} neighbours": "相鄰 {count} 個值的平均",
    "steepest fall, rate {rate:.2g}": "下降最快處，學習率 {rate:.2g}",
    "learning rate (log scale)": "學習率（對數刻度）",
    # generalisation: nn_from_scratch.figures.generalisation ("epoch", "accuracy" are above)
    "training ({count} images)": "訓練集（{count} 張影像）",
    "validation ({count} images)": "驗證集（{count} 張影像）",
    "best validation accuracy: epoch {epoch}": "驗證集準確率最佳：第 {epoch} 個訓練週期",
    # Diagrams of Part I: nn_from_scratch.figures.diagrams
    r"input $x$": "輸入 x",
    "3 values per sample": "每個樣本 3 個數值",
    r"hidden layer $a_1$ (layer1)": "隱藏層 a₁（layer1）",
    r"4 sigmoid units $\sigma$": "4 個 Sigmoid 單元 σ",
    r"output $\hat{y}$": "輸出 ŷ",
    r"1 sigmoid unit $\sigma$": "1 個 Sigmoid 單元 σ",
    "feedforward": "前向傳播",
    "loss": "損失",
    "backpropagation": "反向傳播",
    "update": "更新",
    "one iteration;\nrepeat 1500 times": "一次迭代；\n重複 1500 次",
    "forward →": "前向傳播 →",
    "← backward": "← 反向傳播",
    "minimum": "最小值",
    r"tangent: slope $\dfrac{{dL}}{{dw}}(w_0) = {slope:.1f}$": "切線：斜率 dL/dw(w₀) = {slope:.1f}",
    r"step $w_1 = w_0 - \eta\,\dfrac{{dL}}{{dw}}$  ($\eta = {rate}$)": (
        "一步：w₁ = w₀ − η · dL/dw（η = {rate}）"
    ),
    r"weight $w$": "權重 w",
    r"loss $L(w)$": "損失 L(w)",
    # When to switch (Part III): nn_from_scratch.figures.cost_growth
    "ours, batch {batch}": "本書的程式，批次大小 {batch}",
    "PyTorch, batch {batch}": "PyTorch，批次大小 {batch}",
    "width (units per hidden layer)": "寬度（每個隱藏層的單元數）",
    "time per epoch (s, log scale)": "每個訓練週期的時間（秒，對數刻度）",
    "time per epoch, one thread": "每個訓練週期的時間，單一執行緒",
    "batch size": "批次大小",
    "ours ÷ PyTorch (above 1: PyTorch faster)": "本書的程式 ÷ PyTorch（大於 1：PyTorch 較快）",
    "framed: PyTorch faster here and at every larger width": (
        "加框：在此寬度及所有更大的寬度，PyTorch 都較快"
    ),
}
"""English text -> Traditional Chinese (Taiwan), for every text with words a figure draws."""

TRANSLATIONS = {"zh-TW": ZH_TW}
"""The text tables of the languages other than English."""


def check_language(language):
    """Return ``language`` if the figures can be drawn in it; else raise a ValueError."""
    if language not in LANGUAGES:
        allowed = ", ".join(repr(name) for name in LANGUAGES)
        raise ValueError(f"language must be one of {allowed}; got {language!r}")
    return language


def translate(text, language="en", **values):
    """``text`` (English) in ``language``, with ``values`` filled into its fields.

    Raises a ValueError for a language the figures do not know, and a
    KeyError naming ``text`` when it has no translation.
    """
    if check_language(language) != "en":
        try:
            text = TRANSLATIONS[language][text]
        except KeyError:
            raise KeyError(f"no {language} translation of the figure text {text!r}") from None
    return text.format(**values) if values else text


def for_language(draw, language):
    """``draw`` with ``language`` given: a function of the theme alone, named as ``draw`` is.

    What each module's ``figures(language)`` maps its stems to.
    """
    check_language(language)
    return functools.update_wrapper(functools.partial(draw, language=language), draw)
