import Foundation

/// How heatmap values map to colour.
public struct HeatmapScale: Sendable, Hashable {
    /// Sequential (viridis) or diverging (PuOr).
    public enum Kind: Sendable, Hashable { case sequential, diverging }
    /// The kind of palette.
    public var kind: Kind
    /// Lowest value of the colour ramp (values below are clamped).
    public var lower: Double
    /// Highest value of the colour ramp.
    public var upper: Double
    /// The centre of a diverging scale (near-white); unused for sequential scales.
    public var centre: Double
    /// `true`: a diverging scale of ratios, symmetric in the logarithm (lift 0.5 as orange as 2 is purple).
    public var logarithmic: Bool = false

    /// Viridis from `range.lowerBound` (dark purple) to `range.upperBound` (yellow).
    public static func sequential(_ range: ClosedRange<Double>) -> HeatmapScale {
        HeatmapScale(kind: .sequential, lower: range.lowerBound, upper: range.upperBound, centre: (range.lowerBound + range.upperBound) / 2)
    }

    /// PuOr centred on `centre` (for example the cohort value or a lift of 1): orange below, purple
    /// above, full colour at `centre ± halfWidth`.
    public static func diverging(centre: Double, halfWidth: Double) -> HeatmapScale {
        let h = halfWidth > 0 && halfWidth.isFinite ? halfWidth : 1
        return HeatmapScale(kind: .diverging, lower: centre - h, upper: centre + h, centre: centre)
    }

    /// PuOr for ratios (such as lift) centred on `centre` (> 0), symmetric in the logarithm: full
    /// orange at centre / factor, near-white at centre, full purple at centre × factor (factor > 1).
    public static func divergingRatio(centre: Double = 1, factor: Double) -> HeatmapScale {
        let f = factor > 1 && factor.isFinite ? factor : 2
        let c = centre > 0 && centre.isFinite ? centre : 1
        return HeatmapScale(kind: .diverging, lower: c / f, upper: c * f, centre: c, logarithmic: true)
    }

    /// The value at fraction `t` (0...1) along the legend bar.
    func value(atFraction t: Double) -> Double {
        if logarithmic { return centre * pow(upper / centre, 2 * t - 1) }
        return lower + t * (upper - lower)
    }

    /// A diverging scale centred on `centre` wide enough for every value in `values`.
    public static func diverging(centre: Double, fitting values: [Double]) -> HeatmapScale {
        let h = values.filter(\.isFinite).map { abs($0 - centre) }.max() ?? 1
        return diverging(centre: centre, halfWidth: h > 0 ? h : 1)
    }

    func colour(_ v: Double) -> RGB {
        switch kind {
        case .sequential:
            let span = upper - lower
            return Palette.viridis(span > 0 ? (v - lower) / span : 0.5)
        case .diverging:
            if logarithmic {
                guard v > 0 else { return Palette.puOr(-1) }
                return Palette.puOr(log(v / centre) / log(upper / centre))
            }
            if v < centre { return Palette.puOr(centre > lower ? (v - centre) / (centre - lower) : -1) }
            return Palette.puOr(upper > centre ? (v - centre) / (upper - centre) : (v > centre ? 1 : 0))
        }
    }
}

/// One heatmap cell.
public enum HeatmapCell: Sendable, Hashable {
    /// A published value; `marked` draws an outline and an asterisk (for example a significant
    /// concentration, or a flagged pair).
    case value(Double, marked: Bool)
    /// Suppressed by the anonymity rule: hatched, "n < k".
    case suppressed
    /// Nothing to show (for example a diagonal without within-role pairs): light grey with a dash.
    case empty

    /// A published, unmarked value.
    public static func value(_ v: Double) -> HeatmapCell { .value(v, marked: false) }
}

/// A heatmap with row and column labels, per-cell value labels, a colour legend, and the shared
/// hatch for suppressed cells. Used for role x blocker shares and lifts and the role x role
/// alignment map.
public struct HeatmapChart: Sendable, Hashable {
    /// Short title (the `<title>` of the SVG).
    public var title: String
    /// What the chart shows; the data listing is appended automatically.
    public var summary: String
    /// Row labels (top to bottom).
    public var rowLabels: [String]
    /// Column labels (left to right); long labels are drawn at an angle.
    public var columnLabels: [String]
    /// Cells, `[row][column]`; a missing cell is drawn as empty.
    public var cells: [[HeatmapCell]]
    /// The colour scale.
    public var scale: HeatmapScale
    /// Number style of the cell labels and legend.
    public var valueStyle: NumberStyle
    /// What the colour encodes, under the legend bar (for example "Share citing the blocker").
    public var legendLabel: String
    /// What a marked cell means; shown in the legend when any cell is marked.
    public var markLegend: String?

    public init(title: String, summary: String, rowLabels: [String], columnLabels: [String], cells: [[HeatmapCell]],
                scale: HeatmapScale, valueStyle: NumberStyle = .decimals(2), legendLabel: String, markLegend: String? = nil) {
        self.title = title
        self.summary = summary
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
        self.scale = scale
        self.valueStyle = valueStyle
        self.legendLabel = legendLabel
        self.markLegend = markLegend
    }

    func cell(_ r: Int, _ c: Int) -> HeatmapCell {
        r < cells.count && c < cells[r].count ? cells[r][c] : .empty
    }

    /// The text alternative: the summary and every row's cells.
    public var textAlternative: String {
        summary + " " + HeatmapGrid.listing(rowLabels: rowLabels, columnLabels: columnLabels, cell: cell, style: valueStyle)
    }

    /// The SVG markup; `id` must be unique in the page.
    public func svg(id: String, standalone: Bool = false) -> String {
        let n = SVGBuilder.number
        let labelWidth = min(max(rowLabels.map { ChartText.width($0, size: ChartText.labelSize) }.max() ?? 30, 30) + 6, 180)
        let wrapped = rowLabels.map { ChartText.lines($0, maxWidth: labelWidth, size: ChartText.labelSize) }
        let columns = max(columnLabels.count, 1)
        let cellWidth = min(max((ChartText.chartWidth - 24 - labelWidth) / Double(columns), 40), 72)
        let cellHeight: Double = wrapped.contains { $0.count > 1 } ? 34 : 28
        let gridLeft = 8 + labelWidth + 8
        let columnTextWidths = columnLabels.map { min(ChartText.width($0, size: ChartText.smallSize + 1), 150) }
        let rotated = columnTextWidths.contains { $0 > cellWidth - 4 }
        let header = rotated ? (columnTextWidths.max() ?? 0) * 0.72 + 14 : 22
        let gridTop = 8 + header
        let gridWidth = Double(columns) * cellWidth
        let gridBottom = gridTop + Double(rowLabels.count) * cellHeight
        var width = gridLeft + gridWidth + 8
        if rotated, let last = columnTextWidths.last {
            width = max(width, gridLeft + gridWidth - cellWidth / 2 + last * 0.72 + 10)
        }
        width = max(width, 340)

        var svg = SVGBuilder()
        // Column labels.
        svg.open("g", [("class", "column-labels"), ("font-size", n(ChartText.smallSize + 1)), ("fill", Palette.ink)])
        for (c, label) in columnLabels.enumerated() {
            let cx = gridLeft + (Double(c) + 0.5) * cellWidth
            let text = ChartText.truncate(label, maxWidth: 150, size: ChartText.smallSize + 1)
            if rotated {
                svg.element("text", [("x", n(cx)), ("y", n(gridTop - 6)), ("transform", "rotate(-45 \(n(cx)) \(n(gridTop - 6)))")], text: text)
            } else {
                svg.element("text", [("x", n(cx)), ("y", n(gridTop - 7)), ("text-anchor", "middle")], text: text)
            }
        }
        svg.close()
        // Row labels.
        svg.open("g", [("class", "row-labels"), ("fill", Palette.ink)])
        for (r, lines) in wrapped.enumerated() {
            let cy = gridTop + (Double(r) + 0.5) * cellHeight
            svg.text(lines, x: gridLeft - 8, y: cy + 4.5 - Double(lines.count - 1) * 7.5, lineHeight: 15, [("text-anchor", "end")])
        }
        svg.close()
        HeatmapGrid.draw(&svg, rows: rowLabels, columns: columnLabels, cell: cell, scale: scale, style: valueStyle,
                         left: gridLeft, top: gridTop, cellWidth: cellWidth, cellHeight: cellHeight, showValues: true)
        let legendX = min(gridLeft, max(8, width - 8 - 300))
        let legendBottom = HeatmapGrid.legend(&svg, scale: scale, style: valueStyle, label: legendLabel, x: legendX, y: gridBottom + 14,
                                              hasSuppressed: HeatmapGrid.anySuppressed(rows: rowLabels.count, columns: columns, cell: cell),
                                              markLegend: HeatmapGrid.anyMarked(rows: rowLabels.count, columns: columns, cell: cell) ? markLegend : nil,
                                              maxWidth: width - legendX - 8)
        return ChartCanvas(width: width, height: legendBottom + 6, id: id, title: title, description: textAlternative, standalone: standalone).render(svg)
    }
}

/// Cell drawing and legend shared by ``HeatmapChart`` and ``HeatmapSmallMultiples``.
enum HeatmapGrid {
    static func listing(rowLabels: [String], columnLabels: [String], cell: (Int, Int) -> HeatmapCell, style: NumberStyle) -> String {
        var rows: [String] = []
        for (r, rowLabel) in rowLabels.enumerated() {
            var parts: [String] = []
            for (c, columnLabel) in columnLabels.enumerated() {
                switch cell(r, c) {
                case .value(let v, let marked): parts.append("\(columnLabel) \(NumberText.format(v, style))\(marked ? " (marked)" : "")")
                case .suppressed: parts.append("\(columnLabel) \(SuppressedMark.label) (suppressed)")
                case .empty: continue
                }
            }
            if !parts.isEmpty { rows.append("\(rowLabel): " + parts.joined(separator: ", ")) }
        }
        return rows.isEmpty ? "" : "Values by row: " + rows.joined(separator: "; ") + "."
    }

    static func anySuppressed(rows: Int, columns: Int, cell: (Int, Int) -> HeatmapCell) -> Bool {
        for r in 0..<rows { for c in 0..<columns where cell(r, c) == .suppressed { return true } }
        return false
    }

    static func anyMarked(rows: Int, columns: Int, cell: (Int, Int) -> HeatmapCell) -> Bool {
        for r in 0..<rows {
            for c in 0..<columns { if case .value(_, true) = cell(r, c) { return true } }
        }
        return false
    }

    static func draw(_ svg: inout SVGBuilder, rows: [String], columns: [String], cell: (Int, Int) -> HeatmapCell,
                     scale: HeatmapScale, style: NumberStyle, left: Double, top: Double,
                     cellWidth: Double, cellHeight: Double, showValues: Bool) {
        let n = SVGBuilder.number
        let fontSize = showValues ? min(ChartText.smallSize + 1, cellHeight * 0.45) : ChartText.smallSize
        svg.open("g", [("class", "cells")])
        for r in rows.indices {
            for c in columns.indices {
                let x = left + Double(c) * cellWidth
                let y = top + Double(r) * cellHeight
                let tip = "\(rows[r]) / \(columns[c])"
                switch cell(r, c) {
                case .suppressed:
                    SuppressedMark.draw(&svg, x: x + 0.5, y: y + 0.5, width: cellWidth - 1, height: cellHeight - 1,
                                        labelled: showValues, fontSize: fontSize, tooltip: "\(tip): suppressed (\(SuppressedMark.label))")
                case .empty:
                    svg.leaf("rect", [("x", n(x + 0.5)), ("y", n(y + 0.5)), ("width", n(cellWidth - 1)), ("height", n(cellHeight - 1)), ("fill", Palette.empty)])
                    if showValues {
                        svg.element("text", [("x", n(x + cellWidth / 2)), ("y", n(y + cellHeight / 2 + 4)), ("text-anchor", "middle"),
                                             ("fill", "#9a9a9a"), ("font-size", n(fontSize))], text: "\u{2013}")
                    }
                case .value(let v, let marked):
                    let colour = scale.colour(v)
                    let text = NumberText.format(v, style) + (marked ? "*" : "")
                    svg.open("g", [("class", marked ? "cell marked" : "cell")])
                    svg.element("title", text: "\(tip): \(text)")
                    svg.leaf("rect", [("x", n(x + 0.5)), ("y", n(y + 0.5)), ("width", n(cellWidth - 1)), ("height", n(cellHeight - 1)), ("fill", colour.hex)])
                    if marked {
                        svg.leaf("rect", [("x", n(x + 2)), ("y", n(y + 2)), ("width", n(cellWidth - 4)), ("height", n(cellHeight - 4)),
                                          ("fill", "none"), ("stroke", Palette.ink), ("stroke-width", "2")])
                    }
                    if showValues {
                        svg.element("text", [("x", n(x + cellWidth / 2)), ("y", n(y + cellHeight / 2 + fontSize * 0.35)), ("text-anchor", "middle"),
                                             ("fill", colour.textColour), ("font-size", n(fontSize))],
                                    text: ChartText.truncate(text, maxWidth: cellWidth - 2, size: fontSize))
                    }
                    svg.close()
                }
            }
        }
        svg.close()
    }

    /// Draws the colour bar (and the suppression and mark entries) from (`x`, `y`); returns the bottom.
    static func legend(_ svg: inout SVGBuilder, scale: HeatmapScale, style: NumberStyle, label: String, x: Double, y: Double,
                       hasSuppressed: Bool, markLegend: String?, maxWidth: Double) -> Double {
        let n = SVGBuilder.number
        let barWidth = min(200, maxWidth)
        let steps = 40
        svg.open("g", [("class", "legend"), ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk)])
        for i in 0..<steps {
            let t = (Double(i) + 0.5) / Double(steps)
            let v = scale.value(atFraction: t)
            svg.leaf("rect", [("x", n(x + Double(i) * barWidth / Double(steps))), ("y", n(y)), ("width", n(barWidth / Double(steps) + 0.3)),
                              ("height", "10"), ("fill", scale.colour(v).hex)])
        }
        var ticks: [(Double, String)] = [(0, "start"), (1, "end")]
        let centreFraction = scale.logarithmic ? 0.5 : (scale.upper > scale.lower ? (scale.centre - scale.lower) / (scale.upper - scale.lower) : 0.5)
        if scale.kind == .diverging && centreFraction > 0.12 && centreFraction < 0.88 { ticks.insert((centreFraction, "middle"), at: 1) }
        for (t, anchor) in ticks {
            let v = scale.value(atFraction: t)
            let tx = x + t * barWidth
            svg.leaf("line", [("x1", n(tx)), ("y1", n(y + 10)), ("x2", n(tx)), ("y2", n(y + 14)), ("stroke", Palette.axis)])
            svg.element("text", [("x", n(tx)), ("y", n(y + 25)), ("text-anchor", anchor)], text: NumberText.format(v, style))
        }
        var bottom = y + 40
        let labelLines = ChartText.lines(label + (scale.kind == .diverging ? " (white = \(NumberText.format(scale.centre, style)))" : ""),
                                         maxWidth: maxWidth, size: ChartText.smallSize)
        svg.text(labelLines, x: x, y: bottom, lineHeight: 14, [])
        bottom += Double(labelLines.count - 1) * 14
        if let markLegend {
            bottom += 18
            svg.leaf("rect", [("x", n(x)), ("y", n(bottom - 10)), ("width", "14"), ("height", "12"), ("fill", "none"),
                              ("stroke", Palette.ink), ("stroke-width", "2")])
            let lines = ChartText.lines("* " + markLegend, maxWidth: maxWidth - 19, size: ChartText.smallSize)
            svg.text(lines, x: x + 19, y: bottom, lineHeight: 14, [])
            bottom += Double(lines.count - 1) * 14
        }
        if hasSuppressed {
            bottom += 18
            svg.close()
            SuppressedMark.legend(&svg, x: x, y: bottom)
            return bottom + 4
        }
        svg.close()
        return bottom + 4
    }
}
