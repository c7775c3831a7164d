import Foundation

/// A histogram of values in fixed-width bins (for example the within-organisation gradients), with
/// labelled vertical markers (median, one stage step).
public struct HistogramChart: Sendable, Hashable {
    /// A labelled vertical line.
    public struct Marker: Sendable, Hashable {
        public var value: Double
        public var label: String
        public init(value: Double, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// Short title (the `<title>` of the SVG).
    public var title: String
    /// What the chart shows; the bin counts are appended automatically.
    public var summary: String
    /// The values; non-finite values are ignored.
    public var values: [Double]
    /// Bin width (> 0).
    public var binWidth: Double
    /// Left edge of the first bin.
    public var origin: Double
    /// Vertical markers.
    public var markers: [Marker]
    /// Number style of bin edges and markers.
    public var valueStyle: NumberStyle
    /// Caption of the value axis.
    public var valueLabel: String
    /// What is counted ("organisations").
    public var countLabel: String

    public init(title: String, summary: String, values: [Double], binWidth: Double, origin: Double = 0, markers: [Marker] = [],
                valueStyle: NumberStyle = .decimals(1), valueLabel: String, countLabel: String = "organisations") {
        self.title = title
        self.summary = summary
        self.values = values
        self.binWidth = binWidth > 0 && binWidth.isFinite ? binWidth : 1
        self.origin = origin
        self.markers = markers
        self.valueStyle = valueStyle
        self.valueLabel = valueLabel
        self.countLabel = countLabel
    }

    /// Counts per bin, bin i covering origin + i * width ..< origin + (i + 1) * width.
    public var bins: [Int] {
        let finite = values.filter(\.isFinite)
        guard let top = finite.max() else { return [] }
        let count = max(Int(((top - origin) / binWidth).rounded(.down)) + 1, 1)
        var bins = [Int](repeating: 0, count: count)
        for v in finite {
            let i = min(max(Int(((v - origin) / binWidth).rounded(.down)), 0), count - 1)
            bins[i] += 1
        }
        return bins
    }

    /// The text alternative: the summary, the bin counts and the markers.
    public var textAlternative: String {
        let items = bins.enumerated().filter { $0.element > 0 }.map { i, c in
            "\(NumberText.format(origin + Double(i) * binWidth, valueStyle)) to \(NumberText.format(origin + Double(i + 1) * binWidth, valueStyle)): \(c)"
        }
        var text = summary + " \(values.filter(\.isFinite).count) \(countLabel)."
        if !items.isEmpty { text += " Counts by bin: " + items.joined(separator: "; ") + "." }
        for m in markers { text += " \(m.label): \(NumberText.format(m.value, valueStyle))." }
        return text
    }

    /// Places marker labels: on the side of its line (right, else left) where the text crosses no
    /// other marker's line, in the lowest row (just above the plot) where it overlaps no other label.
    /// A marker's line runs up to its own label, so labels in higher rows would cross the lines of
    /// markers in lower rows; the crossing test therefore considers every other line.
    static func placeMarkers(_ markers: [(x: Double, text: String)], left: Double, right: Double) -> [(row: Int, anchor: String, text: String)] {
        var placed: [(row: Int, lower: Double, upper: Double)] = []
        var result: [(row: Int, anchor: String, text: String)] = []
        for (i, m) in markers.enumerated() {
            let w = ChartText.width(m.text, size: ChartText.smallSize)
            let others = markers.enumerated().filter { $0.offset != i }.map { $0.element.x }
            func extent(_ anchor: String) -> (Double, Double) { anchor == "end" ? (m.x - 4 - w, m.x - 4) : (m.x + 4, m.x + 4 + w) }
            func fits(_ anchor: String) -> Bool {
                let (a, b) = extent(anchor)
                return a >= left && b <= right
            }
            func crosses(_ anchor: String) -> Bool {
                let (a, b) = extent(anchor)
                return others.contains { $0 >= a - 2 && $0 <= b + 2 }
            }
            let anchors = ["start", "end"].filter(fits)
            let anchor = anchors.first { !crosses($0) } ?? anchors.first ?? "end"
            let (a, b) = extent(anchor)
            var row = 0
            while placed.contains(where: { $0.row == row && $0.lower < b + 6 && a < $0.upper + 6 }) { row += 1 }
            placed.append((row, a, b))
            result.append((row, anchor, m.text))
        }
        return result
    }

    /// The SVG markup; `id` must be unique in the page.
    public func svg(id: String, standalone: Bool = false) -> String {
        let n = SVGBuilder.number
        let width = ChartText.chartWidth
        let bins = self.bins
        let plotLeft = 44.0, plotRight = width - 16
        let upper0 = max(origin + Double(max(bins.count, 1)) * binWidth, markers.map(\.value).filter(\.isFinite).max() ?? 0)
        let x0 = LinearScale(domainLower: origin, domainUpper: upper0, rangeLower: plotLeft, rangeUpper: plotRight)
        let placements = Self.placeMarkers(markers.map { (x0.clamped($0.value), "\($0.label) \(NumberText.format($0.value, valueStyle))") },
                                           left: plotLeft, right: width - 4)
        let markerRows = max((placements.map(\.row).max() ?? -1) + 1, 1)
        let top = 14 + Double(markerRows) * 15
        let plotBottom = top + 190
        let caption = "\(valueLabel); bar height: number of \(countLabel)"
        let captionExtra = ChartText.captionExtra(caption, maxWidth: width - 12)
        let height = plotBottom + 40 + captionExtra
        let x = x0
        let maxCount = max(bins.max() ?? 1, 1)
        let yTicks = LinearScale.niceTicks(lower: 0, upper: Double(maxCount), count: 4).filter { $0 == $0.rounded() }
        let yMax = max(Double(maxCount), yTicks.last ?? 1)
        let y = LinearScale(domainLower: 0, domainUpper: yMax, rangeLower: plotBottom, rangeUpper: top)

        var svg = SVGBuilder()
        svg.open("g", [("class", "grid"), ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk)])
        for t in yTicks {
            svg.leaf("line", [("x1", n(plotLeft)), ("y1", n(y(t))), ("x2", n(plotRight)), ("y2", n(y(t))), ("stroke", Palette.grid)])
            svg.element("text", [("x", n(plotLeft - 6)), ("y", n(y(t) + 4)), ("text-anchor", "end")], text: NumberText.format(t, .count))
        }
        for t in x.ticks(count: 6) {
            svg.leaf("line", [("x1", n(x(t))), ("y1", n(plotBottom)), ("x2", n(x(t))), ("y2", n(plotBottom + 4)), ("stroke", Palette.axis)])
            svg.element("text", [("x", n(x(t))), ("y", n(plotBottom + 17)), ("text-anchor", "middle")], text: NumberText.format(t, .decimals(0)))
        }
        svg.close()
        ChartText.caption(&svg, caption, x: 8, y: plotBottom + 34, maxWidth: width - 12)

        svg.open("g", [("class", "bars")])
        for (i, c) in bins.enumerated() where c > 0 {
            let x0 = x(origin + Double(i) * binWidth), x1 = x(origin + Double(i + 1) * binWidth)
            svg.open("rect", [("x", n(x0 + 0.5)), ("y", n(y(Double(c)))), ("width", n(max(x1 - x0 - 1, 0.5))),
                              ("height", n(plotBottom - y(Double(c)))), ("fill", Palette.viridis(0.45).hex)])
            svg.element("title", text: "\(NumberText.format(origin + Double(i) * binWidth, valueStyle)) to \(NumberText.format(origin + Double(i + 1) * binWidth, valueStyle)): \(c) \(countLabel)")
            svg.close()
        }
        svg.close()
        svg.leaf("line", [("x1", n(plotLeft)), ("y1", n(plotBottom)), ("x2", n(plotRight)), ("y2", n(plotBottom)), ("stroke", Palette.axis)])

        svg.open("g", [("class", "markers"), ("font-size", n(ChartText.smallSize))])
        for (i, m) in markers.enumerated() where m.value.isFinite {
            let mx = x.clamped(m.value)
            let place = placements[i]
            // Rows count upwards from the plot: row 0 sits just above it.
            let ty = top - 9 - Double(place.row) * 15
            let colour = i % 2 == 0 ? Palette.reference : Palette.ink
            svg.leaf("line", [("x1", n(mx)), ("y1", n(ty + 3)), ("x2", n(mx)), ("y2", n(plotBottom)), ("stroke", colour),
                              ("stroke-width", "1.5"), ("stroke-dasharray", i % 2 == 0 ? "5 3" : "2 2")])
            svg.element("text", [("x", n(place.anchor == "end" ? mx - 4 : mx + 4)), ("y", n(ty)), ("text-anchor", place.anchor), ("fill", colour)],
                        text: place.text)
        }
        svg.close()
        if bins.isEmpty {
            svg.element("text", [("x", n((plotLeft + plotRight) / 2)), ("y", n((top + plotBottom) / 2)), ("text-anchor", "middle"),
                                 ("fill", Palette.mutedInk), ("font-style", "italic")], text: "No \(countLabel) to show")
        }
        return ChartCanvas(width: width, height: height, id: id, title: title, description: textAlternative, standalone: standalone).render(svg)
    }
}
