/// 100% stacked horizontal bars: one bar per group (for example the stage distribution of each
/// role), one segment per ordered category coloured along viridis, shares written inside segments
/// wide enough to hold them.
public struct StackedBarChart: Sendable, Hashable {
    /// One bar.
    public struct Row: Sendable, Hashable {
        /// Bar label (a role name).
        public var label: String
        /// Share of each category (same order as ``StackedBarChart/categories``), `nil` when suppressed
        /// or not available. Normalised to sum to 1 when drawn.
        public var shares: [Double]?
        /// `true` when suppressed by the anonymity rule.
        public var suppressed: Bool

        public init(label: String, shares: [Double]?, suppressed: Bool = false) {
            self.label = label
            self.shares = shares
            self.suppressed = suppressed
        }
    }

    /// Short title (the `<title>` of the SVG).
    public var title: String
    /// What the chart shows; the data listing is appended automatically.
    public var summary: String
    /// Names of the ordered categories (stages), lowest first.
    public var categories: [String]
    /// Bars, drawn in the given order (pass them in the order of the companion dot chart).
    public var rows: [Row]

    public init(title: String, summary: String, categories: [String], rows: [Row]) {
        self.title = title
        self.summary = summary
        self.categories = categories
        self.rows = rows
    }

    /// The text alternative: the summary and each bar's shares.
    public var textAlternative: String {
        let items = rows.map { row -> String in
            if row.suppressed { return "\(row.label): \(SuppressedMark.label) (suppressed)" }
            guard let shares = normalised(row.shares) else { return "\(row.label): not available" }
            let parts = zip(categories, shares).filter { $0.1 > 0 }.map { "\($0.0) \(NumberText.format($0.1, .percent(0)))" }
            return "\(row.label): " + parts.joined(separator: ", ")
        }
        return summary + (items.isEmpty ? "" : " Shares: " + items.joined(separator: "; ") + ".")
    }

    func normalised(_ shares: [Double]?) -> [Double]? {
        guard let shares, !shares.isEmpty, shares.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        let total = shares.reduce(0, +)
        guard total > 0 else { return nil }
        return shares.map { $0 / total }
    }

    /// The SVG markup; `id` must be unique in the page.
    public func svg(id: String, standalone: Bool = false) -> String {
        let n = SVGBuilder.number
        let width = ChartText.chartWidth
        let colours = Palette.viridisSteps(categories.count)
        let labelWidth = min(max(rows.map { ChartText.width($0.label, size: ChartText.labelSize) }.max() ?? 40, 40) + 6, 170)
        let wrapped = rows.map { ChartText.lines($0.label, maxWidth: labelWidth, size: ChartText.labelSize) }
        let rowHeight: Double = wrapped.contains { $0.count > 1 } ? 34 : 28
        let plotLeft = 8 + labelWidth + 10
        let plotRight = width - 12

        // Legend: swatches with category names, wrapped over lines.
        var legendItems: [(x: Double, line: Int)] = []
        var lx = 8.0, line = 0
        for name in categories {
            let w = 16 + ChartText.width(name, size: ChartText.smallSize) + 14
            if lx + w > width - 8 && lx > 8 { lx = 8; line += 1 }
            legendItems.append((lx, line))
            lx += w
        }
        let legendHeight = Double(line + 1) * 18 + 6
        let top = 8 + legendHeight
        let plotBottom = top + Double(rows.count) * rowHeight
        let hasSuppressed = rows.contains { $0.suppressed }
        let height = plotBottom + 26 + (hasSuppressed ? 18 : 0)

        var svg = SVGBuilder()
        svg.open("g", [("class", "legend")])
        for (i, name) in categories.enumerated() {
            let item = legendItems[i]
            let y = 8 + Double(item.line) * 18
            svg.leaf("rect", [("x", n(item.x)), ("y", n(y)), ("width", "12"), ("height", "12"), ("fill", colours[i].hex)])
            svg.element("text", [("x", n(item.x + 16)), ("y", n(y + 10)), ("font-size", n(ChartText.smallSize)), ("fill", Palette.ink)], text: name)
        }
        svg.close()

        let x = LinearScale(domainLower: 0, domainUpper: 1, rangeLower: plotLeft, rangeUpper: plotRight)
        for (i, row) in rows.enumerated() {
            let cy = top + (Double(i) + 0.5) * rowHeight
            let barTop = cy - 10
            let lines = wrapped[i]
            svg.open("g", [("class", "row")])
            svg.text(lines, x: plotLeft - 10, y: cy + 4.5 - Double(lines.count - 1) * 7.5, lineHeight: 15, [("text-anchor", "end"), ("fill", Palette.ink)])
            if row.suppressed {
                SuppressedMark.draw(&svg, x: plotLeft, y: barTop, width: plotRight - plotLeft, height: 20, tooltip: "\(row.label): suppressed")
            } else if let shares = normalised(row.shares) {
                var cumulative = 0.0
                for (k, share) in shares.enumerated() where k < categories.count {
                    guard share > 0 else { continue }
                    let x0 = x(cumulative), x1 = x(cumulative + share)
                    cumulative += share
                    svg.open("rect", [("x", n(x0)), ("y", n(barTop)), ("width", n(max(x1 - x0, 0))), ("height", "20"),
                                      ("fill", colours[k].hex), ("stroke", "#ffffff"), ("stroke-width", "0.6")])
                    svg.element("title", text: "\(row.label), \(categories[k]): \(NumberText.format(share, .percent(0)))")
                    svg.close()
                    let text = NumberText.format(share, .percent(0))
                    if x1 - x0 >= ChartText.width(text, size: ChartText.smallSize) + 4 {
                        svg.element("text", [("x", n((x0 + x1) / 2)), ("y", n(cy + 4)), ("text-anchor", "middle"),
                                             ("font-size", n(ChartText.smallSize)), ("fill", colours[k].textColour)], text: text)
                    }
                }
            } else {
                svg.element("text", [("x", n(plotLeft + 4)), ("y", n(cy + 4.5)), ("font-size", n(ChartText.smallSize)),
                                     ("fill", Palette.mutedInk), ("font-style", "italic")], text: "not available")
            }
            svg.close()
        }
        for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
            svg.element("text", [("x", n(x(t))), ("y", n(plotBottom + 16)), ("text-anchor", t == 0 ? "start" : (t == 1 ? "end" : "middle")),
                                 ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk)], text: NumberText.format(t, .percent(0)))
        }
        if hasSuppressed { SuppressedMark.legend(&svg, x: 8, y: plotBottom + 36) }
        return ChartCanvas(width: width, height: height, id: id, title: title, description: textAlternative, standalone: standalone).render(svg)
    }
}
