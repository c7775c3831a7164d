/// Lines across waves, one per group (for example the Role Shift Index of each role over the
/// waves), labelled directly at their last value; colours from Okabe-Ito, with dash patterns from
/// the eighth series on so no two lines rely on colour alone.
public struct SlopeChart: Sendable, Hashable {
    /// One line.
    public struct Series: Sendable, Hashable {
        /// Series label (a role name, short).
        public var label: String
        /// One value per wave (same order as ``SlopeChart/waves``); `nil` breaks the line
        /// (suppressed or no data in that wave).
        public var values: [Double?]
        public init(label: String, values: [Double?]) {
            self.label = label
            self.values = values
        }
    }

    /// Short title (the `<title>` of the SVG).
    public var title: String
    /// What the chart shows; the data listing is appended automatically.
    public var summary: String
    /// Wave labels in chronological order (for example "2025-Q1").
    public var waves: [String]
    /// The lines, in legend order.
    public var series: [Series]
    /// The value axis; `nil` fits the data (widened to nice steps).
    public var domain: ClosedRange<Double>?
    /// Distance between stage-step gridlines; `nil` for ordinary gridlines.
    public var gridStep: Double?
    /// Number style of the labels.
    public var valueStyle: NumberStyle
    /// Caption of the value axis.
    public var axisLabel: String

    public init(title: String, summary: String, waves: [String], series: [Series], domain: ClosedRange<Double>? = nil,
                gridStep: Double? = nil, valueStyle: NumberStyle = .decimals(1), axisLabel: String = "Role Shift Index") {
        self.title = title
        self.summary = summary
        self.waves = waves
        self.series = series
        self.domain = domain
        self.gridStep = gridStep
        self.valueStyle = valueStyle
        self.axisLabel = axisLabel
    }

    /// The text alternative: the summary and each line's values by wave.
    public var textAlternative: String {
        let items = series.map { s -> String in
            let values = waves.indices.map { w -> String in
                let v = w < s.values.count ? s.values[w] : nil
                return "\(waves[w]) \(v.map { NumberText.format($0, valueStyle) } ?? "no value")"
            }
            return "\(s.label): " + values.joined(separator: ", ")
        }
        return summary + (items.isEmpty ? "" : " Values: " + items.joined(separator: "; ") + ".")
    }

    /// The SVG markup; `id` must be unique in the page.
    public func svg(id: String, standalone: Bool = false) -> String {
        let n = SVGBuilder.number
        let width = ChartText.chartWidth
        let finite = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        let (lo, hi): (Double, Double)
        if let domain { (lo, hi) = (domain.lowerBound, domain.upperBound) } else if let mn = finite.min(), let mx = finite.max() {
            let nice = LinearScale.niceDomain(lower: mn, upper: mx, count: 5)
            (lo, hi) = (max(nice.0, mn >= 0 ? 0 : nice.0), nice.1)
        } else {
            (lo, hi) = (0, 100)
        }
        let labelColumn = min(max(series.map { ChartText.width("\($0.label) 100.0", size: ChartText.smallSize + 1) }.max() ?? 60, 60) + 22, 150)
        let plotLeft = 44.0, plotRight = width - labelColumn, top = 14.0, plotBottom = 270.0
        var caption = axisLabel + " by wave"
        if let step = gridStep, step > 0 { caption += "; dotted lines every stage step (\(NumberText.format(step, .decimals(1))) points)" }
        let height = plotBottom + 44 + ChartText.captionExtra(caption, maxWidth: width - 12)
        let y = LinearScale(domainLower: lo, domainUpper: hi, rangeLower: plotBottom, rangeUpper: top)
        let count = max(waves.count, 1)
        func xOf(_ w: Int) -> Double {
            count == 1 ? (plotLeft + plotRight) / 2 : plotLeft + 12 + Double(w) * (plotRight - plotLeft - 24) / Double(count - 1)
        }

        var svg = SVGBuilder()
        svg.open("g", [("class", "grid"), ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk)])
        if let step = gridStep, step > 0 {
            var k = (lo / step).rounded(.up)
            while k * step <= hi + 1e-9 {
                svg.leaf("line", [("x1", n(plotLeft)), ("y1", n(y(k * step))), ("x2", n(plotRight)), ("y2", n(y(k * step))),
                                  ("stroke", Palette.stageGrid), ("stroke-dasharray", "2 3")])
                k += 1
            }
        }
        for t in y.ticks(count: 5) {
            if gridStep == nil {
                svg.leaf("line", [("x1", n(plotLeft)), ("y1", n(y(t))), ("x2", n(plotRight)), ("y2", n(y(t))), ("stroke", Palette.grid)])
            }
            svg.element("text", [("x", n(plotLeft - 6)), ("y", n(y(t) + 4)), ("text-anchor", "end")], text: NumberText.format(t, .decimals(0)))
        }
        for (w, label) in waves.enumerated() {
            svg.leaf("line", [("x1", n(xOf(w))), ("y1", n(plotBottom)), ("x2", n(xOf(w))), ("y2", n(plotBottom + 4)), ("stroke", Palette.axis)])
            // Thin out wave labels when they would collide.
            let every = max(1, Int((ChartText.width(label, size: ChartText.smallSize) + 8) / max((plotRight - plotLeft - 24) / Double(max(count - 1, 1)), 1)) + 1)
            if w % every == 0 {
                svg.element("text", [("x", n(xOf(w))), ("y", n(plotBottom + 17)), ("text-anchor", "middle")], text: label)
            }
        }
        svg.leaf("line", [("x1", n(plotLeft)), ("y1", n(plotBottom)), ("x2", n(plotRight)), ("y2", n(plotBottom)), ("stroke", Palette.axis)])
        svg.close()
        ChartText.caption(&svg, caption, x: 8, y: plotBottom + 36, maxWidth: width - 12)

        // Lines.
        var endLabels: [(y: Double, text: String, colour: String, anchorY: Double, anchorX: Double)] = []
        for (i, s) in series.enumerated() {
            let colour = Palette.categorical[i % Palette.categorical.count]
            let dash = i >= Palette.categorical.count - 1 ? "6 3" : nil
            svg.open("g", [("class", "series")])
            svg.element("title", text: s.label)
            var segment: [(Double, Double)] = []
            func flush() {
                if segment.count > 1 {
                    var attributes: SVGBuilder.Attributes = [("points", segment.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")),
                                                             ("fill", "none"), ("stroke", colour), ("stroke-width", "2.2"), ("stroke-linejoin", "round")]
                    if let dash { attributes.append(("stroke-dasharray", dash)) }
                    svg.leaf("polyline", attributes)
                }
                segment = []
            }
            for w in waves.indices {
                guard w < s.values.count, let v = s.values[w], v.isFinite else { flush(); continue }
                segment.append((xOf(w), y.clamped(v)))
            }
            flush()
            for w in waves.indices {
                guard w < s.values.count, let v = s.values[w], v.isFinite else { continue }
                svg.leaf("circle", [("cx", n(xOf(w))), ("cy", n(y.clamped(v))), ("r", "3.2"), ("fill", colour), ("stroke", "#ffffff"), ("stroke-width", "1")])
            }
            svg.close()
            if let last = s.values.indices.last(where: { $0 < waves.count && s.values[$0]?.isFinite == true }), let v = s.values[last] {
                endLabels.append((y.clamped(v), "\(s.label) \(NumberText.format(v, valueStyle))", colour, y.clamped(v), xOf(last)))
            }
        }
        // Direct labels at the right, pushed apart so they do not overlap.
        let spacing = 14.0
        var placed = endLabels.enumerated().sorted { a, b in a.element.y != b.element.y ? a.element.y < b.element.y : a.offset < b.offset }.map { $0.element }
        for i in placed.indices.dropFirst() where placed[i].y < placed[i - 1].y + spacing { placed[i].y = placed[i - 1].y + spacing }
        if let last = placed.last, last.y > plotBottom + 8 {
            let shift = last.y - (plotBottom + 8)
            for i in placed.indices { placed[i].y -= shift }
            for i in placed.indices.reversed().dropFirst() where placed[i].y > placed[i + 1].y - spacing { placed[i].y = placed[i + 1].y - spacing }
        }
        svg.open("g", [("class", "end-labels"), ("font-size", n(ChartText.smallSize + 1))])
        for label in placed {
            let lx = plotRight + 8
            svg.leaf("line", [("x1", n(label.anchorX + 5)), ("y1", n(label.anchorY)), ("x2", n(lx - 2)), ("y2", n(label.y)),
                              ("stroke", label.colour), ("stroke-width", "0.8"), ("stroke-opacity", "0.7")])
            svg.element("text", [("x", n(lx)), ("y", n(label.y + 4)), ("fill", Palette.ink)],
                        text: ChartText.truncate(label.text, maxWidth: width - lx - 2, size: ChartText.smallSize + 1))
        }
        svg.close()
        return ChartCanvas(width: width, height: height, id: id, title: title, description: textAlternative, standalone: standalone).render(svg)
    }
}
