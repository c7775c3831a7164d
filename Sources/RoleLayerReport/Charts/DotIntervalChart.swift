/// Horizontal dot chart with interval whiskers: one row per group (for example the Role Shift Index
/// by role), sorted from highest to lowest, with vertical gridlines at every stage step so a reader
/// can count steps between roles.
///
/// Suppressed rows are drawn hatched and labelled "n < k" at the bottom; rows without a value for
/// another reason say "not available".
public struct DotIntervalChart: Sendable, Hashable {
    /// One row.
    public struct Row: Sendable, Hashable {
        /// Row label (a role name).
        public var label: String
        /// The point value in the chart's domain, `nil` when suppressed or not available.
        public var value: Double?
        /// Lower end of the interval, when there is one.
        public var lower: Double?
        /// Upper end of the interval, when there is one.
        public var upper: Double?
        /// `true` when the value was suppressed by the anonymity rule.
        public var suppressed: Bool
        /// A second value drawn as a hollow diamond (for example the cohort RSI beside an
        /// organisation's position); named by ``DotIntervalChart/comparisonName``.
        public var comparison: Double?

        /// A row; pass `value: nil, suppressed: true` for a suppressed figure.
        public init(label: String, value: Double?, lower: Double? = nil, upper: Double? = nil, suppressed: Bool = false,
                    comparison: Double? = nil) {
            self.label = label
            self.value = value
            self.lower = lower
            self.upper = upper
            self.suppressed = suppressed
            self.comparison = comparison
        }
    }

    /// A vertical reference line (for example the cohort median).
    public struct Reference: Sendable, Hashable {
        /// Position in the domain.
        public var value: Double
        /// Short label drawn above the line.
        public var label: String
        /// `true`: the value is written after the label.
        public var showsValue: Bool
        public init(value: Double, label: String, showsValue: Bool = true) {
            self.value = value
            self.label = label
            self.showsValue = showsValue
        }
    }

    /// Short title (the `<title>` of the SVG).
    public var title: String
    /// One or two sentences on what the chart shows; the data listing is appended automatically.
    public var summary: String
    /// Rows in any order; drawn sorted by value, highest first (ties by label), missing rows last.
    public var rows: [Row]
    /// The value axis, 0...100 by default (the position scale).
    public var domain: ClosedRange<Double>
    /// Distance between stage-step gridlines (``AnalysisSettings/stageStep``); `nil` for none.
    public var gridStep: Double?
    /// Optional reference line.
    public var reference: Reference?
    /// Number style of the value labels.
    public var valueStyle: NumberStyle
    /// Name of the interval in the text alternative, "95% interval" by default.
    public var intervalName: String
    /// Axis caption under the chart.
    public var axisLabel: String
    /// `true`: rows sorted by value, highest first; `false`: rows in the given order (ordered
    /// categories such as maturity stages).
    public var sorted: Bool
    /// Name of the rows' comparison values in the legend and text alternative (for example "cohort RSI").
    public var comparisonName: String
    /// Name of the rows' values in the legend, shown when rows have comparison values.
    public var valueName: String

    public init(title: String, summary: String, rows: [Row], domain: ClosedRange<Double> = 0...100,
                gridStep: Double? = nil, reference: Reference? = nil, valueStyle: NumberStyle = .decimals(1),
                intervalName: String = "95% interval", axisLabel: String = "Position, 0 to 100 (higher is further along)",
                sorted: Bool = true, comparisonName: String = "comparison", valueName: String = "value") {
        self.valueName = valueName
        self.sorted = sorted
        self.comparisonName = comparisonName
        self.title = title
        self.summary = summary
        self.rows = rows
        self.domain = domain
        self.gridStep = gridStep
        self.reference = reference
        self.valueStyle = valueStyle
        self.intervalName = intervalName
        self.axisLabel = axisLabel
    }

    /// Rows in drawing order: when ``sorted``, published values highest first (ties by label), then
    /// the rest in input order; otherwise the input order.
    public var sortedRows: [Row] {
        guard sorted else { return rows }
        let published = rows.filter { $0.value?.isFinite == true }
        let missing = rows.filter { $0.value?.isFinite != true }
        return published.sorted { a, b in
            if a.value! != b.value! { return a.value! > b.value! }
            return a.label < b.label
        } + missing
    }

    /// The text alternative: the summary and every row's value in drawing order.
    public var textAlternative: String {
        let items = sortedRows.map { row -> String in
            if row.suppressed { return "\(row.label): \(SuppressedMark.label) (suppressed)" }
            guard let v = row.value else { return "\(row.label): not available" }
            var s = "\(row.label) \(NumberText.format(v, valueStyle))"
            if let l = row.lower, let u = row.upper { s += " (\(intervalName) \(NumberText.interval(l, u, valueStyle)))" }
            if let c = row.comparison { s += ", \(comparisonName) \(NumberText.format(c, valueStyle))" }
            return s
        }
        return summary + (items.isEmpty ? "" : " Values: " + items.joined(separator: "; ") + ".")
    }

    /// The SVG markup; `id` must be unique in the page.
    public func svg(id: String, standalone: Bool = false) -> String {
        let n = SVGBuilder.number
        let width = ChartText.chartWidth
        let rows = sortedRows
        let labelWidth = min(max(rows.map { ChartText.width($0.label, size: ChartText.labelSize) }.max() ?? 40, 40) + 6, 170)
        let wrapped = rows.map { ChartText.lines($0.label, maxWidth: labelWidth, size: ChartText.labelSize) }
        let rowHeight: Double = wrapped.contains { $0.count > 1 } ? 34 : 28
        let top: Double = reference == nil ? 10 : 26
        let plotLeft = 8 + labelWidth + 10
        let plotRight = width - 58
        let x = LinearScale(domainLower: domain.lowerBound, domainUpper: domain.upperBound, rangeLower: plotLeft, rangeUpper: plotRight)
        let plotBottom = top + Double(rows.count) * rowHeight
        let hasSuppressed = rows.contains { $0.suppressed }
        let hasComparison = rows.contains { $0.comparison != nil }
        var caption = axisLabel
        if let step = gridStep, step > 0 { caption += "; dotted lines every stage step (\(NumberText.format(step, .decimals(1))) points)" }
        let captionExtra = ChartText.captionExtra(caption, maxWidth: width - 12)
        let height = plotBottom + 42 + captionExtra + (hasSuppressed ? 20 : 0) + (hasComparison ? 20 : 0)

        var svg = SVGBuilder()
        // Gridlines: stage steps (light), then axis ticks.
        svg.open("g", [("class", "grid"), ("aria-hidden", "true")])
        if let step = gridStep, step > 0 {
            var k = (domain.lowerBound / step).rounded(.up)
            while k * step <= domain.upperBound + 1e-9 {
                let gx = x(k * step)
                svg.leaf("line", [("x1", n(gx)), ("y1", n(top)), ("x2", n(gx)), ("y2", n(plotBottom)),
                                  ("stroke", Palette.stageGrid), ("stroke-width", "1"), ("stroke-dasharray", "2 3")])
                k += 1
            }
        }
        let ticks = x.ticks(count: 4)
        for t in ticks {
            svg.leaf("line", [("x1", n(x(t))), ("y1", n(plotBottom)), ("x2", n(x(t))), ("y2", n(plotBottom + 5)), ("stroke", Palette.axis)])
            svg.element("text", [("x", n(x(t))), ("y", n(plotBottom + 18)), ("text-anchor", "middle"),
                                 ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk)], text: NumberText.format(t, .decimals(0)))
        }
        svg.leaf("line", [("x1", n(plotLeft)), ("y1", n(plotBottom)), ("x2", n(plotRight)), ("y2", n(plotBottom)), ("stroke", Palette.axis)])
        svg.close()
        ChartText.caption(&svg, caption, x: 8, y: plotBottom + 36, maxWidth: width - 12)
        var legendY = plotBottom + 56 + captionExtra
        if hasComparison {
            svg.leaf("circle", [("cx", "15"), ("cy", n(legendY - 4)), ("r", "5.5"), ("fill", Palette.mark)])
            svg.element("text", [("x", "26"), ("y", n(legendY)), ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk)], text: valueName)
            let dx = 26 + ChartText.width(valueName, size: ChartText.smallSize) + 20
            svg.leaf("polygon", [("points", Self.diamond(x: dx, y: legendY - 4)), ("fill", "#ffffff"), ("stroke", Palette.reference), ("stroke-width", "2")])
            svg.element("text", [("x", n(dx + 12)), ("y", n(legendY)), ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk)], text: comparisonName)
            legendY += 20
        }
        if hasSuppressed {
            SuppressedMark.legend(&svg, x: 8, y: legendY)
        }

        if let reference {
            let rx = x.clamped(reference.value)
            svg.leaf("line", [("x1", n(rx)), ("y1", n(top - 4)), ("x2", n(rx)), ("y2", n(plotBottom)),
                              ("stroke", Palette.reference), ("stroke-width", "1.5"), ("stroke-dasharray", "5 3")])
            let text = reference.showsValue ? "\(reference.label) \(NumberText.format(reference.value, valueStyle))" : reference.label
            let w = ChartText.width(text, size: ChartText.smallSize)
            let anchor = rx + w / 2 > width - 4 ? "end" : (rx - w / 2 < 4 ? "start" : "middle")
            svg.element("text", [("x", n(rx)), ("y", n(top - 8)), ("text-anchor", anchor), ("font-size", n(ChartText.smallSize)),
                                 ("fill", Palette.reference)], text: text)
        }

        for (i, row) in rows.enumerated() {
            let cy = top + (Double(i) + 0.5) * rowHeight
            let lines = wrapped[i]
            svg.open("g", [("class", "row")])
            svg.text(lines, x: plotLeft - 10, y: cy + 4.5 - Double(lines.count - 1) * 7.5, lineHeight: 15,
                     [("text-anchor", "end"), ("fill", Palette.ink)])
            if i % 2 == 0 {
                svg.leaf("rect", [("x", n(plotLeft)), ("y", n(cy - rowHeight / 2)), ("width", n(plotRight - plotLeft)),
                                  ("height", n(rowHeight)), ("fill", "#000000"), ("fill-opacity", "0.03")])
            }
            if row.suppressed {
                SuppressedMark.draw(&svg, x: plotLeft, y: cy - 8, width: plotRight - plotLeft, height: 16,
                                    tooltip: "\(row.label): suppressed")
            } else if let v = row.value, v.isFinite {
                if let l = row.lower, let u = row.upper, l.isFinite, u.isFinite {
                    let lx = x.clamped(l), ux = x.clamped(u)
                    svg.leaf("line", [("x1", n(lx)), ("y1", n(cy)), ("x2", n(ux)), ("y2", n(cy)), ("stroke", Palette.whisker), ("stroke-width", "1.6")])
                    for ex in [lx, ux] {
                        svg.leaf("line", [("x1", n(ex)), ("y1", n(cy - 5)), ("x2", n(ex)), ("y2", n(cy + 5)), ("stroke", Palette.whisker), ("stroke-width", "1.6")])
                    }
                }
                if let c = row.comparison, c.isFinite {
                    svg.leaf("polygon", [("points", Self.diamond(x: x.clamped(c), y: cy)), ("fill", "#ffffff"), ("stroke", Palette.reference), ("stroke-width", "2")])
                }
                svg.leaf("circle", [("cx", n(x.clamped(v))), ("cy", n(cy)), ("r", "5.5"), ("fill", Palette.mark),
                                    ("stroke", "#ffffff"), ("stroke-width", "1.2")])
                svg.element("text", [("x", n(plotRight + 8)), ("y", n(cy + 4.5)), ("fill", Palette.ink), ("class", "value")],
                            text: NumberText.format(v, valueStyle))
            } else {
                svg.element("text", [("x", n(plotLeft + 4)), ("y", n(cy + 4.5)), ("font-size", n(ChartText.smallSize)),
                                     ("fill", Palette.mutedInk), ("font-style", "italic")], text: "not available")
            }
            svg.close()
        }
        return ChartCanvas(width: width, height: height, id: id, title: title, description: textAlternative, standalone: standalone).render(svg)
    }

    static func diamond(x: Double, y: Double, size: Double = 6) -> String {
        let n = SVGBuilder.number
        return "\(n(x)),\(n(y - size)) \(n(x + size)),\(n(y)) \(n(x)),\(n(y + size)) \(n(x - size)),\(n(y))"
    }
}
