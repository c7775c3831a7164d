/// Small multiples of heatmaps sharing rows, columns and one colour scale (for example the role x
/// role alignment on each dimension). Panels are compact: values are in the text alternative, the
/// cell tooltips and the section's table; suppressed cells carry the shared hatch.
public struct HeatmapSmallMultiples: Sendable, Hashable {
    /// One panel.
    public struct Panel: Sendable, Hashable {
        /// Panel title (a dimension name).
        public var title: String
        /// Cells, `[row][column]`.
        public var cells: [[HeatmapCell]]
        public init(title: String, cells: [[HeatmapCell]]) {
            self.title = title
            self.cells = cells
        }
    }

    /// Short title (the `<title>` of the SVG).
    public var title: String
    /// What the chart shows; the data listing is appended automatically.
    public var summary: String
    /// Row labels, short (role codes work best).
    public var rowLabels: [String]
    /// Column labels, short.
    public var columnLabels: [String]
    /// The panels, drawn left to right, top to bottom.
    public var panels: [Panel]
    /// The shared colour scale.
    public var scale: HeatmapScale
    /// Number style of the legend and the text alternative.
    public var valueStyle: NumberStyle
    /// What the colour encodes.
    public var legendLabel: String
    /// Panels per line; `nil` picks the most that keep cells at least 16 units wide.
    public var panelsPerLine: Int?

    public init(title: String, summary: String, rowLabels: [String], columnLabels: [String], panels: [Panel],
                scale: HeatmapScale, valueStyle: NumberStyle = .decimals(2), legendLabel: String, panelsPerLine: Int? = nil) {
        self.title = title
        self.summary = summary
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.panels = panels
        self.scale = scale
        self.valueStyle = valueStyle
        self.legendLabel = legendLabel
        self.panelsPerLine = panelsPerLine.map { max($0, 1) }
    }

    /// The text alternative: the summary and each panel's cells.
    public var textAlternative: String {
        var text = summary
        for panel in panels {
            let listing = HeatmapGrid.listing(rowLabels: rowLabels, columnLabels: columnLabels, cell: { Self.cell(panel, $0, $1) }, style: valueStyle)
            text += " \(panel.title). " + listing
        }
        return text
    }

    static func cell(_ panel: Panel, _ r: Int, _ c: Int) -> HeatmapCell {
        r < panel.cells.count && c < panel.cells[r].count ? panel.cells[r][c] : .empty
    }

    /// The SVG markup; `id` must be unique in the page.
    public func svg(id: String, standalone: Bool = false) -> String {
        let n = SVGBuilder.number
        let labelWidth = min(max(rowLabels.map { ChartText.width($0, size: 10) }.max() ?? 20, 20) + 4, 60)
        let available = ChartText.chartWidth - 16
        let panelGap = 18.0
        let columnCount = Double(max(columnLabels.count, 1))
        var perLine = panelsPerLine ?? 1
        if panelsPerLine == nil {
            for candidate in stride(from: 4, through: 1, by: -1) {
                let w = (available - Double(candidate - 1) * panelGap) / Double(candidate)
                if (w - labelWidth - 4) / columnCount >= 16 { perLine = candidate; break }
            }
        }
        perLine = min(perLine, max(panels.count, 1))
        let panelWidth = (available - Double(perLine - 1) * panelGap) / Double(perLine)
        let columns = max(columnLabels.count, 1)
        let cellSize = min(max((panelWidth - labelWidth - 4) / Double(columns), 8), 28)
        let columnHeader = columnLabels.contains { ChartText.width($0, size: 10) > cellSize - 1 } ? 34.0 : 16.0
        let panelHeight = 18 + columnHeader + Double(rowLabels.count) * cellSize
        let lines = (panels.count + perLine - 1) / perLine
        let gridBottom = 8 + Double(lines) * (panelHeight + 14)
        let width = ChartText.chartWidth

        var svg = SVGBuilder()
        var anySuppressed = false
        for (p, panel) in panels.enumerated() {
            let px = 8 + Double(p % perLine) * (panelWidth + panelGap)
            let py = 8 + Double(p / perLine) * (panelHeight + 14)
            let left = px + labelWidth + 4
            let top = py + 18 + columnHeader
            svg.open("g", [("class", "panel")])
            svg.element("text", [("x", n(px)), ("y", n(py + 12)), ("font-weight", "bold"), ("fill", Palette.ink)],
                        text: ChartText.truncate(panel.title, maxWidth: panelWidth, size: ChartText.labelSize))
            svg.open("g", [("font-size", "10"), ("fill", Palette.mutedInk)])
            for (c, label) in columnLabels.enumerated() {
                let cx = left + (Double(c) + 0.5) * cellSize
                if columnHeader > 14 {
                    svg.element("text", [("x", n(cx + 3)), ("y", n(top - 3)), ("transform", "rotate(-60 \(n(cx + 3)) \(n(top - 3)))")], text: label)
                } else {
                    svg.element("text", [("x", n(cx)), ("y", n(top - 3)), ("text-anchor", "middle")], text: label)
                }
            }
            for (r, label) in rowLabels.enumerated() {
                svg.element("text", [("x", n(left - 3)), ("y", n(top + (Double(r) + 0.5) * cellSize + 3)), ("text-anchor", "end")],
                            text: ChartText.truncate(label, maxWidth: labelWidth, size: 10))
            }
            svg.close()
            let cellOf = { (r: Int, c: Int) in Self.cell(panel, r, c) }
            HeatmapGrid.draw(&svg, rows: rowLabels, columns: columnLabels, cell: cellOf, scale: scale, style: valueStyle,
                             left: left, top: top, cellWidth: cellSize, cellHeight: cellSize, showValues: false)
            anySuppressed = anySuppressed || HeatmapGrid.anySuppressed(rows: rowLabels.count, columns: columns, cell: cellOf)
            svg.close()
        }
        let bottom = HeatmapGrid.legend(&svg, scale: scale, style: valueStyle, label: legendLabel, x: 8, y: gridBottom + 4,
                                        hasSuppressed: anySuppressed, markLegend: nil, maxWidth: width - 16)
        return ChartCanvas(width: width, height: bottom + 6, id: id, title: title, description: textAlternative, standalone: standalone,
                           smallestFontSize: 10).render(svg)
    }
}
