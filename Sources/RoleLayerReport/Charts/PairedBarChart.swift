/// A few horizontal bars with intervals side by side (for example the role gradient against the
/// stage gradient), each bar in its own Okabe-Ito colour and labelled with its value.
public struct PairedBarChart: Sendable, Hashable {
    /// One bar.
    public struct Bar: Sendable, Hashable {
        public var label: String
        /// The value, `nil` when suppressed or not available.
        public var value: Double?
        public var lower: Double?
        public var upper: Double?
        /// `true` when suppressed by the anonymity rule.
        public var suppressed: Bool
        /// Why a missing, non-suppressed value is missing (for example "fewer than two maturity groups").
        public var reason: String?
        public init(label: String, value: Double?, lower: Double? = nil, upper: Double? = nil, suppressed: Bool = false, reason: String? = nil) {
            self.label = label
            self.value = value
            self.lower = lower
            self.upper = upper
            self.suppressed = suppressed
            self.reason = reason
        }
    }

    /// Short title (the `<title>` of the SVG).
    public var title: String
    /// What the chart shows; the data listing is appended automatically.
    public var summary: String
    /// The bars, top to bottom.
    public var bars: [Bar]
    /// Value axis; `nil` fits 0 and every value and interval end.
    public var domain: ClosedRange<Double>?
    /// Number style of the labels.
    public var valueStyle: NumberStyle
    /// Caption of the value axis.
    public var axisLabel: String
    /// Name of the interval in the text alternative.
    public var intervalName: String

    public init(title: String, summary: String, bars: [Bar], domain: ClosedRange<Double>? = nil, valueStyle: NumberStyle = .decimals(1),
                axisLabel: String, intervalName: String = "95% interval") {
        self.title = title
        self.summary = summary
        self.bars = bars
        self.domain = domain
        self.valueStyle = valueStyle
        self.axisLabel = axisLabel
        self.intervalName = intervalName
    }

    /// The text alternative: the summary and each bar.
    public var textAlternative: String {
        let items = bars.map { bar -> String in
            if bar.suppressed { return "\(bar.label): \(SuppressedMark.label) (suppressed)" }
            guard let v = bar.value else { return "\(bar.label): not available" + (bar.reason.map { " (\($0))" } ?? "") }
            var s = "\(bar.label) \(NumberText.format(v, valueStyle))"
            if let l = bar.lower, let u = bar.upper { s += " (\(intervalName) \(NumberText.interval(l, u, valueStyle)))" }
            return s
        }
        return summary + (items.isEmpty ? "" : " Values: " + items.joined(separator: "; ") + ".")
    }

    /// The SVG markup; `id` must be unique in the page.
    public func svg(id: String, standalone: Bool = false) -> String {
        let n = SVGBuilder.number
        let width = ChartText.chartWidth
        let labelWidth = min(max(bars.map { ChartText.width($0.label, size: ChartText.labelSize) }.max() ?? 40, 40) + 6, 190)
        let wrapped = bars.map { ChartText.lines($0.label, maxWidth: labelWidth, size: ChartText.labelSize) }
        let rowHeight = 40.0
        let plotLeft = 8 + labelWidth + 10, plotRight = width - 64, top = 8.0
        let plotBottom = top + Double(bars.count) * rowHeight
        let hasSuppressed = bars.contains { $0.suppressed }
        let height = plotBottom + 42 + ChartText.captionExtra(axisLabel, maxWidth: width - 12) + (hasSuppressed ? 20 : 0)
        let ends = bars.flatMap { [$0.value, $0.lower, $0.upper].compactMap { $0 } }.filter(\.isFinite)
        let (lo, hi): (Double, Double)
        if let domain { (lo, hi) = (domain.lowerBound, domain.upperBound) } else {
            let nice = LinearScale.niceDomain(lower: min(0, ends.min() ?? 0), upper: max(ends.max() ?? 1, 1e-9), count: 5)
            (lo, hi) = (nice.0, nice.1)
        }
        let x = LinearScale(domainLower: lo, domainUpper: hi, rangeLower: plotLeft, rangeUpper: plotRight)

        var svg = SVGBuilder()
        svg.open("g", [("class", "grid"), ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk)])
        for t in x.ticks(count: 5) {
            svg.leaf("line", [("x1", n(x(t))), ("y1", n(top)), ("x2", n(x(t))), ("y2", n(plotBottom)), ("stroke", Palette.grid)])
            svg.element("text", [("x", n(x(t))), ("y", n(plotBottom + 16)), ("text-anchor", "middle")], text: NumberText.format(t, .decimals(t == t.rounded() ? 0 : 1)))
        }
        svg.close()
        let captionExtra = ChartText.caption(&svg, axisLabel, x: 8, y: plotBottom + 34, maxWidth: width - 12)
        let zero = x.clamped(0)
        for (i, bar) in bars.enumerated() {
            let cy = top + (Double(i) + 0.5) * rowHeight
            let colour = Palette.categorical[i % Palette.categorical.count]
            svg.open("g", [("class", "bar")])
            svg.text(wrapped[i], x: plotLeft - 10, y: cy + 4.5 - Double(wrapped[i].count - 1) * 7.5, lineHeight: 15, [("text-anchor", "end"), ("fill", Palette.ink)])
            if bar.suppressed {
                SuppressedMark.draw(&svg, x: plotLeft, y: cy - 11, width: plotRight - plotLeft, height: 22, tooltip: "\(bar.label): suppressed")
            } else if let v = bar.value, v.isFinite {
                let vx = x.clamped(v)
                svg.leaf("rect", [("x", n(min(zero, vx))), ("y", n(cy - 11)), ("width", n(max(abs(vx - zero), 1))), ("height", "22"), ("fill", colour)])
                var labelX = max(vx, zero)
                if let l = bar.lower, let u = bar.upper, l.isFinite, u.isFinite {
                    let lx = x.clamped(l), ux = x.clamped(u)
                    svg.leaf("line", [("x1", n(lx)), ("y1", n(cy)), ("x2", n(ux)), ("y2", n(cy)), ("stroke", Palette.ink), ("stroke-width", "1.6")])
                    for ex in [lx, ux] {
                        svg.leaf("line", [("x1", n(ex)), ("y1", n(cy - 6)), ("x2", n(ex)), ("y2", n(cy + 6)), ("stroke", Palette.ink), ("stroke-width", "1.6")])
                    }
                    labelX = max(labelX, ux)
                }
                svg.element("text", [("x", n(labelX + 6)), ("y", n(cy + 4.5)), ("fill", Palette.ink), ("class", "value")], text: NumberText.format(v, valueStyle))
            } else {
                svg.element("text", [("x", n(plotLeft + 4)), ("y", n(cy + 4.5)), ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk),
                                     ("font-style", "italic")], text: "not available" + (bar.reason.map { ": \($0)" } ?? ""))
            }
            svg.close()
        }
        svg.leaf("line", [("x1", n(zero)), ("y1", n(top)), ("x2", n(zero)), ("y2", n(plotBottom)), ("stroke", Palette.axis)])
        if hasSuppressed { SuppressedMark.legend(&svg, x: 8, y: plotBottom + 56 + captionExtra) }
        return ChartCanvas(width: width, height: height, id: id, title: title, description: textAlternative, standalone: standalone).render(svg)
    }
}
