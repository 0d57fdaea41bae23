// The explorables: figures the reader scrubs through with a slider.
//
// A chapter places one with <div class="explorable" data-explorable="NAME">
// after the static figure it animates, the paragraph that describes it
// inside (docs/hooks/hook_explorables.py adds this script to that page
// only).  The explorable is drawn above that paragraph; until it is, the
// div is hidden (extra.css), so a reader without JavaScript sees the static
// figure and no description of a slider they do not have.  With scripts on,
// the figure is hidden from the first paint (the class "explorables-on"
// that the hook sets on <html>), so it is not downloaded.  The data, explorables/NAME.json, was
// computed by the package when the site was built
// (nn_from_scratch.explorables): every number the page shows is stored
// rounded to the digits shown, and this script only draws it.  Its words
// come in the edition's language from the same file.
//
// Each explorable is one <input type="range">: arrow keys, Home, End, Page
// Up and Page Down, a mouse or a finger move it; its aria-valuetext reads
// out the position and the loss.  The colours are CSS custom properties of
// .explorable (extra.css), one set per palette; a change of palette redraws.

(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const LEVELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let made = 0; // explorables on the page, for unique ids

  // ---------------------------------------------------------------- helpers

  function html(tag, attributes = {}, children = []) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children);
    return element;
  }

  function svg(tag, attributes = {}, parent = null) {
    const element = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    if (parent) parent.append(element);
    return element;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, name) => values[name]);
  }

  function levels(text) {
    return Array.from(text, (character) => LEVELS.indexOf(character) / 63);
  }

  function colours(root) {
    const style = getComputedStyle(root);
    const read = (name) => style.getPropertyValue(`--explorable-${name}`).trim();
    return Object.fromEntries(
      ["text", "paper", "primary", "accent", "neutral", "node"].map((n) => [n, read(n)]),
    );
  }

  function rgb(hex) {
    const value = parseInt(hex.slice(1), 16);
    return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
  }

  // A colour between low (t = 0), middle (0.5) and high (1), as [r, g, b].
  function diverging(low, middle, high, t) {
    const [from, to, s] = t < 0.5 ? [low, middle, t * 2] : [middle, high, t * 2 - 1];
    return from.map((channel, i) => Math.round(channel + (to[i] - channel) * s));
  }

  // Values in [0, 1], width * height of them, row by row, drawn as pixels
  // of a canvas that CSS scales up (crisp: image-rendering: pixelated).
  function paint(canvas, values, width, height, colourOf) {
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    const image = context.createImageData(width, height);
    values.forEach((value, i) => {
      image.data.set([...colourOf(value), 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  }

  // A slider with its label and the value it reads out; onChange(index).
  function slider(id, label, count, start, onChange) {
    const input = html("input", {
      type: "range",
      id,
      min: "0",
      max: String(count - 1),
      step: "1",
      value: String(start),
    });
    const shown = html("output", { for: id, class: "explorable__position" });
    input.addEventListener("input", () => onChange(Number(input.value)));
    const row = html("div", { class: "explorable__slider" }, [
      html("label", { for: id }, [label]),
      input,
      shown,
    ]);
    return { row, input, shown };
  }

  // Radio buttons: choices [[value, text]], onChange(value).
  function choice(name, legend, choices, start, onChange) {
    const group = html("fieldset", { class: "explorable__choice" }, [html("legend", {}, [legend])]);
    for (const [value, text] of choices) {
      const input = html("input", { type: "radio", name, value: String(value) });
      input.checked = value === start;
      input.addEventListener("change", () => onChange(value));
      group.append(html("label", {}, [input, ` ${text}`]));
    }
    return group;
  }

  // A plot area in an SVG: x and y map data to pixels, on linear or log scales.
  function axes(parent, { width, height, left, bottom, x, y, xLabel, yLabel }) {
    const plot = svg("svg", {
      viewBox: `0 0 ${width} ${height}`,
      class: "explorable__plot",
      "aria-hidden": "true",
    });
    const scale = ([low, high, log], from, to) => (value) => {
      const [a, b, v] = log ? [Math.log10(low), Math.log10(high), Math.log10(value)] : [low, high, value];
      return from + ((v - a) / (b - a)) * (to - from);
    };
    const px = scale(x.range, left, width - 8);
    const py = scale(y.range, height - bottom, TOP);
    for (const tick of x.ticks) {
      svg("line", { x1: px(tick), x2: px(tick), y1: TOP, y2: height - bottom, class: "grid" }, plot);
      svg("text", { x: px(tick), y: height - bottom + 16, "text-anchor": "middle" }, plot).textContent =
        x.label(tick);
    }
    for (const tick of y.ticks) {
      svg("line", { x1: left, x2: width - 8, y1: py(tick), y2: py(tick), class: "grid" }, plot);
      svg("text", { x: left - 5, y: py(tick) + 4, "text-anchor": "end" }, plot).textContent =
        y.label(tick);
    }
    svg("text", { x: (left + width) / 2, y: height - 4, "text-anchor": "middle" }, plot).textContent =
      xLabel;
    const title = svg("text", { x: 4, y: 11, class: "explorable__axis-title" }, plot);
    title.textContent = yLabel;
    parent.append(plot);
    return { plot, px, py };
  }

  const TOP = 20; // px above a plot: its vertical axis's title
  const BOTTOM = 34; // px below it: the tick labels and the axis's title
  const DECADES = [1e-4, 1e-3, 1e-2, 1e-1, 1];
  const decade = (tick) => (tick >= 1 ? String(tick) : tick.toFixed(-Math.log10(tick)));

  // Loss (log scale, 1e-4 to 3) against iterations, on the x axis given.
  function lossPlot(panel, words, width, height, x) {
    const y = { range: [1e-4, 3, true], ticks: DECADES, label: decade };
    return axes(panel, {
      width,
      height,
      left: 46,
      bottom: BOTTOM,
      x,
      y,
      xLabel: words.iteration,
      yLabel: words.loss,
    });
  }

  function polyline(plot, points, attributes) {
    return svg("polyline", { points: points.map((p) => p.join(",")).join(" "), fill: "none", ...attributes }, plot);
  }

  // Bars: for each sample, its target and the prediction (thousandths), labelled.
  function predictionBars(panel, words, targets) {
    const width = 320;
    const height = 170;
    const plot = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "explorable__plot", "aria-hidden": "true" });
    panel.append(plot);
    const base = height - 24;
    const top = 22;
    const slot = (width - 20) / targets.length;
    const bars = targets.map((target, i) => {
      const x = 10 + slot * i;
      const targetBar = svg("rect", { x: x + slot * 0.12, width: slot * 0.36, class: "target" }, plot);
      targetBar.setAttribute("y", base - (base - top) * target);
      targetBar.setAttribute("height", (base - top) * target);
      const bar = svg("rect", { x: x + slot * 0.52, width: slot * 0.36, class: "prediction" }, plot);
      const label = svg("text", { x: x + slot * 0.7, "text-anchor": "middle", class: "value" }, plot);
      svg("text", { x: x + slot / 2, y: height - 6, "text-anchor": "middle" }, plot).textContent =
        fill(words["sample {number}"], { number: i + 1 });
      return { bar, label };
    });
    svg("line", { x1: 6, x2: width - 6, y1: base, y2: base, class: "axis" }, plot);
    panel.append(
      legend([
        ["target", words.target],
        ["prediction", words.prediction],
      ]),
    );
    return (predictions) => {
      predictions.forEach((thousandths, i) => {
        const height = ((base - top) * thousandths) / 1000;
        bars[i].bar.setAttribute("y", base - height);
        bars[i].bar.setAttribute("height", height);
        bars[i].label.setAttribute("y", base - height - 4);
        bars[i].label.textContent = (thousandths / 1000).toFixed(3);
      });
    };
  }

  function legend(items) {
    return html(
      "p",
      { class: "explorable__legend" },
      items.map(([kind, text]) => html("span", { class: `key key--${kind}` }, [text])),
    );
  }

  // The readout under the panels: what the slider shows, in words and numbers.
  function readout() {
    const element = html("p", { class: "explorable__readout" });
    return {
      element,
      show(parts) {
        element.replaceChildren(
          ...parts.flatMap(([label, field, value], i) => [
            i ? " · " : "",
            `${label} `,
            html("strong", { "data-field": field }, [value]),
          ]),
        );
      },
    };
  }

  // ------------------------------------------------- the article's network

  function trainingRun(root, data) {
    const words = data.words;
    const n = data.iterations.length;
    const id = `explorable-${++made}`;
    const state = { run: 0, sample: 0, index: n - 1 };
    const x = data.samples.x;
    const targets = data.samples.y;

    const control = slider(id, words["Iterations trained"], n, state.index, (index) => {
      state.index = index;
      update();
    });
    const seeds = choice(
      `${id}-seed`,
      words.Seed,
      data.seeds.map((run, i) => [i, fill(words["{seed} ({note})"], { seed: run.seed, note: words[run.note] })]),
      0,
      (run) => {
        state.run = run;
        drawCurve();
        update();
      },
    );
    const samples = choice(
      `${id}-sample`,
      words.Sample,
      targets.map((_, i) => [i, fill(words["sample {number}"], { number: i + 1 })]),
      0,
      (sample) => {
        state.sample = sample;
        update();
      },
    );

    // The network: 3 inputs, 4 hidden units, 1 output.
    const diagram = html("div", { class: "explorable__panel" });
    const net = svg("svg", { viewBox: "0 0 320 200", class: "explorable__plot", "aria-hidden": "true" }, diagram);
    const column = (count, cx) =>
      Array.from({ length: count }, (_, i) => [cx, 100 + (i - (count - 1) / 2) * 44]);
    const nodes = [column(3, 40), column(4, 160), column(1, 280)];
    const edges1 = [];
    const edges2 = [];
    nodes[0].forEach(([x1, y1]) =>
      nodes[1].forEach(([x2, y2]) => edges1.push(svg("line", { x1, y1, x2, y2 }, net))),
    );
    nodes[1].forEach(([x1, y1]) =>
      nodes[2].forEach(([x2, y2]) => edges2.push(svg("line", { x1, y1, x2, y2 }, net))),
    );
    const circles = nodes.map((layer) =>
      layer.map(([cx, cy]) => {
        const circle = svg("circle", { cx, cy, r: 17, class: "node" }, net);
        const label = svg("text", { x: cx, y: cy + 4, "text-anchor": "middle", class: "value" }, net);
        return { circle, label };
      }),
    );
    [words.input, words.hidden, words.output].forEach((text, i) => {
      svg("text", { x: [40, 160, 280][i], y: 14, "text-anchor": "middle" }, net).textContent = text;
    });
    diagram.append(
      legend([
        ["positive", words["positive weight"]],
        ["negative", words["negative weight"]],
      ]),
    );

    // The heat map: the output over the input square, the samples on top.
    const square = html("div", { class: "explorable__panel" }, [
      html("p", { class: "explorable__caption" }, [words["Output over the input square (x3 = 1)"]]),
    ]);
    const frame = html("div", { class: "explorable__square" });
    const canvas = html("canvas", { "aria-hidden": "true" });
    const marks = svg("svg", { viewBox: "0 0 100 100", "aria-hidden": "true" });
    targets.forEach((target, i) => {
      const [x1, x2] = [x[i * 3], x[i * 3 + 1]];
      // The canvas's pixel centres: x1 = 0 in the middle of the first of
      // data.grid pixels, x1 = 1 in the middle of the last.
      const at = (v) => ((0.5 + v * (data.grid - 1)) / data.grid) * 100;
      const point = svg("circle", { cx: at(x1), cy: 100 - at(x2), r: 3.4, class: `sample sample--${target}` }, marks);
      point.dataset.sample = String(i);
    });
    frame.append(canvas, marks);
    square.append(
      frame,
      html("p", { class: "explorable__axes-note" }, [words["x1 from 0 (left) to 1 (right), x2 from 0 (bottom) to 1 (top)"]]),
    );

    // The loss curve with a cursor, and the predictions.
    const curvePanel = html("div", { class: "explorable__panel" });
    const lossAxes = lossPlot(curvePanel, words, 320, 170, {
      range: [0, 1500, false],
      ticks: [0, 500, 1000, 1500],
      label: String,
    });
    const curve = svg("g", {}, lossAxes.plot);
    const cursor = svg("line", { y1: TOP, y2: 170 - BOTTOM, class: "cursor" }, lossAxes.plot);
    const dot = svg("circle", { r: 4, class: "cursor-dot" }, lossAxes.plot);
    const barsPanel = html("div", { class: "explorable__panel" });
    const showBars = predictionBars(barsPanel, words, targets);
    const text = readout();

    root.prepend(
      html("div", { class: "explorable__controls" }, [control.row, seeds, samples]),
      html("div", { class: "explorable__panels" }, [diagram, square, curvePanel, barsPanel]),
      text.element,
    );

    function drawCurve() {
      const run = data.seeds[state.run];
      curve.replaceChildren();
      polyline(
        curve,
        data.iterations.map((iteration, k) => [lossAxes.px(iteration), lossAxes.py(run.loss[k])]),
        { class: "curve" },
      );
    }

    function update() {
      const run = data.seeds[state.run];
      const k = state.index;
      const iterations = data.iterations[k];
      const loss = run.loss[k].toPrecision(5);
      const colour = colours(root);
      control.shown.textContent = String(iterations);
      control.input.setAttribute("aria-valuetext", fill(words["iterations trained: {iterations}, loss: {loss}"], { iterations, loss }));
      // Edges: colour by sign, width by size against the run's largest weight.
      const w1 = run.weights1[k];
      const w2 = run.weights2[k];
      const largest = run.largest ?? (run.largest = Math.max(...run.weights1.flat().map(Math.abs), ...run.weights2.flat().map(Math.abs), 1));
      const stroke = (edge, hundredths) => {
        edge.setAttribute("stroke", hundredths >= 0 ? colour.primary : colour.accent);
        edge.setAttribute("stroke-width", (0.6 + (7 * Math.abs(hundredths)) / largest).toFixed(2));
      };
      edges1.forEach((edge, i) => stroke(edge, w1[i]));
      edges2.forEach((edge, i) => stroke(edge, w2[i]));
      // Nodes: the chosen sample's inputs, hidden activations and prediction.
      const s = state.sample;
      const hidden = run.hidden[k].slice(s * 4, s * 4 + 4);
      const values = [
        x.slice(s * 3, s * 3 + 3).map((v) => [v, String(v)]),
        hidden.map((h) => [h / 100, (h / 100).toFixed(2)]),
        [[run.predictions[k][s] / 1000, (run.predictions[k][s] / 1000).toFixed(3)]],
      ];
      const [low, middle, high] = [colour.accent, colour.node, colour.primary].map(rgb);
      circles.forEach((layer, l) =>
        layer.forEach(({ circle, label }, i) => {
          const [value, shown] = values[l][i];
          // From the node colour (0) towards the primary colour (1), never
          // so far that the number on it becomes hard to read.
          circle.setAttribute("fill", `rgb(${diverging(middle, middle, high, 0.5 + value * 0.2)})`);
          label.textContent = shown;
        }),
      );
      marks.querySelectorAll(".sample").forEach((point) => {
        point.classList.toggle("sample--chosen", point.dataset.sample === String(s));
      });
      paint(canvas, levels(run.square[k]), data.grid, data.grid, (t) => diverging(low, middle, high, t));
      cursor.setAttribute("x1", lossAxes.px(iterations));
      cursor.setAttribute("x2", lossAxes.px(iterations));
      dot.setAttribute("cx", lossAxes.px(iterations));
      dot.setAttribute("cy", lossAxes.py(run.loss[k]));
      showBars(run.predictions[k]);
      text.show([
        [words.iteration, "iteration", String(iterations)],
        [words.loss, "loss", loss],
        [words.prediction, "predictions", run.predictions[k].map((p) => (p / 1000).toFixed(3)).join(" ")],
      ]);
    }

    drawCurve();
    return update;
  }

  // ------------------------------------------------------- the learning rate

  function learningRate(root, data) {
    const words = data.words;
    const id = `explorable-${++made}`;
    const rates = data.rates;
    let index = rates.findIndex((run) => run.rate === 1);
    const control = slider(id, words["Learning rate"], rates.length, index, (i) => {
      index = i;
      update();
    });
    const curvePanel = html("div", { class: "explorable__panel explorable__panel--wide" }, [
      html("p", { class: "explorable__caption" }, [words["Loss per iteration (both axes logarithmic)"]]),
    ]);
    const last = data.iterations[data.iterations.length - 1];
    // As wide as the panel, so that its words are drawn at their size (a
    // phone's narrow panel would shrink a wide drawing's words to nothing).
    const width = Math.round(Math.min(640, Math.max(300, root.clientWidth - 30)));
    const lossAxes = lossPlot(curvePanel, words, width, 220, {
      range: [1, last, true],
      ticks: [1, 10, 100, 1000],
      label: String,
    });
    const lines = rates.map((run) =>
      polyline(
        lossAxes.plot,
        data.iterations.map((iteration, k) => [lossAxes.px(iteration), lossAxes.py(Math.max(run.loss[k], 1e-4))]),
        { class: "curve curve--other" },
      ),
    );
    const barsPanel = html("div", { class: "explorable__panel" }, [
      html("p", { class: "explorable__caption" }, [words["Predictions after 1500 iterations"]]),
    ]);
    const showBars = predictionBars(barsPanel, words, data.samples.y);
    const text = readout();
    root.prepend(
      html("div", { class: "explorable__controls" }, [control.row]),
      html("div", { class: "explorable__panels" }, [curvePanel, barsPanel]),
      text.element,
    );

    function update() {
      const run = rates[index];
      const rate = String(run.rate);
      const loss = run.final_loss.toFixed(4);
      control.shown.textContent = rate;
      control.input.setAttribute("aria-valuetext", fill(words["learning rate: {rate}, final loss: {loss}"], { rate, loss }));
      lines.forEach((line, i) => {
        line.setAttribute("class", i === index ? "curve" : "curve curve--other");
      });
      lossAxes.plot.append(lines[index]); // the chosen curve on top
      showBars(run.predictions);
      text.show([
        [words["Learning rate"], "rate", rate],
        [words["final loss"], "loss", loss],
        [words.prediction, "predictions", run.predictions.map((p) => (p / 1000).toFixed(3)).join(" ")],
      ]);
    }
    return update;
  }

  // ----------------------------------------------------------- convolutions

  function convolutionEpochs(root, data) {
    const words = data.words;
    const id = `explorable-${++made}`;
    const epochs = data.epochs;
    let index = epochs.length - 1;
    const control = slider(id, words["Epochs trained"], epochs.length, index, (i) => {
      index = i;
      update();
    });
    const [count, size] = [data.shapes.filters[0], data.shapes.filters[1]];
    const [first, second] = [data.shapes.first, data.shapes.second];
    const tiles = (n, label) => {
      const panel = html("div", { class: "explorable__panel explorable__panel--wide" }, [
        html("p", { class: "explorable__caption" }, [label]),
      ]);
      const grid = html("div", { class: "explorable__tiles" });
      const canvases = Array.from({ length: n }, () => grid.appendChild(html("canvas", { "aria-hidden": "true" })));
      panel.append(grid);
      return { panel, canvases };
    };
    const digitPanel = html("div", { class: "explorable__panel" }, [
      html("p", { class: "explorable__caption" }, [words["one test digit, 8 × 8"]]),
    ]);
    const digit = html("canvas", { class: "explorable__digit", "aria-hidden": "true" });
    digitPanel.append(digit);
    const answerPanel = html("div", { class: "explorable__panel" }, [
      html("p", { class: "explorable__caption" }, [words["the network's answer"]]),
    ]);
    const answer = svg("svg", { viewBox: "0 0 300 110", class: "explorable__plot", "aria-hidden": "true" }, answerPanel);
    const bars = Array.from({ length: 10 }, (_, d) => {
      const bar = svg("rect", { x: 8 + d * 29, width: 20, class: "prediction" }, answer);
      const digitText = svg("text", { x: 18 + d * 29, y: 106, "text-anchor": "middle" }, answer);
      digitText.textContent = String(d);
      if (d === data.label) digitText.setAttribute("class", "label");
      return bar;
    });
    const filters = tiles(count, words["filters of layer 1, 3 × 3"]);
    const maps1 = tiles(first[0], words["layer 1: feature maps after ReLU"]);
    const maps2 = tiles(second[0], words["layer 2: feature maps after ReLU"]);
    const text = readout();
    root.prepend(
      html("div", { class: "explorable__controls" }, [control.row]),
      html("div", { class: "explorable__panels" }, [
        digitPanel,
        answerPanel,
        filters.panel,
        maps1.panel,
        maps2.panel,
      ]),
      text.element,
    );

    function update() {
      const epoch = epochs[index];
      const loss = epoch.loss.toPrecision(4);
      const colour = colours(root);
      const [low, middle, high] = [colour.accent, colour.neutral, colour.primary].map(rgb);
      const paper = rgb(colour.paper);
      const ink = (t) => diverging(paper, paper, rgb(colour.text), 0.5 + t / 2);
      control.shown.textContent = String(index);
      control.input.setAttribute("aria-valuetext", fill(words["epochs trained: {epochs}, training loss: {loss}"], { epochs: index, loss }));
      paint(digit, levels(data.digit), 8, 8, ink);
      const cut = (text, n, each) => Array.from({ length: n }, (_, i) => text.slice(i * each, (i + 1) * each));
      cut(epoch.filters, count, size * size).forEach((part, i) =>
        paint(filters.canvases[i], levels(part), size, size, (t) => diverging(low, middle, high, t)),
      );
      cut(epoch.first, first[0], first[1] * first[2]).forEach((part, i) =>
        paint(maps1.canvases[i], levels(part), first[1], first[2], ink),
      );
      cut(epoch.second, second[0], second[1] * second[2]).forEach((part, i) =>
        paint(maps2.canvases[i], levels(part), second[1], second[2], ink),
      );
      epoch.probabilities.forEach((thousandths, d) => {
        const height = (80 * thousandths) / 1000;
        bars[d].setAttribute("y", 90 - height);
        bars[d].setAttribute("height", Math.max(height, 0.5));
      });
      const best = epoch.probabilities.indexOf(Math.max(...epoch.probabilities));
      text.show([
        [words.epoch, "epoch", String(index)],
        [words.label, "label", String(data.label)],
        [words["training loss"], "loss", loss],
        [words["training accuracy"], "accuracy", `${(epoch.accuracy / 10).toFixed(1)}%`],
        [
          words["the network's answer"],
          "answer",
          fill(words["{digit}: {probability}"], {
            digit: best,
            probability: `${(epoch.probabilities[best] / 10).toFixed(1)}%`,
          }),
        ],
      ]);
    }
    return update;
  }

  // ------------------------------------------------------------ the pages

  const KINDS = {
    "training-run": trainingRun,
    "learning-rate": learningRate,
    "convolution-epochs": convolutionEpochs,
  };
  const here = document.currentScript.src;

  async function start(root) {
    const name = root.dataset.explorable;
    const response = await fetch(new URL(`../explorables/${name}.json`, here));
    if (!response.ok) throw new Error(`explorable ${name}: ${response.status} for its data`);
    const data = await response.json();
    root.classList.add("explorable--ready");
    const update = KINDS[name](root, data);
    update();
    new MutationObserver(update).observe(document.body, {
      attributes: true,
      attributeFilter: ["data-md-color-scheme"],
    });
  }

  for (const root of document.querySelectorAll(".explorable[data-explorable]")) {
    start(root).catch((error) => {
      // Give the reader the static figure back (hook_explorables.py hid it).
      document.documentElement.classList.remove("explorables-on");
      console.error(error.message);
    });
  }
})();
