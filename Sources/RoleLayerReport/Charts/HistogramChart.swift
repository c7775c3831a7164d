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

    /// The SVG markup; `id` must be unique in the page.
    public func svg(id: String, standalone: Bool = false) -> String {
        let n = SVGBuilder.number
        let width = 600.0
        let bins = self.bins
        let plotLeft = 44.0, plotRight = width - 16
        let markerRows = max(markers.count, 1)
        let top = 10 + Double(markerRows) * 14
        let plotBottom = top + 200
        let height = plotBottom + 42
        let upper = max(origin + Double(max(bins.count, 1)) * binWidth, markers.map(\.value).filter(\.isFinite).max() ?? 0)
        let x = LinearScale(domainLower: origin, domainUpper: upper, rangeLower: plotLeft, rangeUpper: plotRight)
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
        svg.element("text", [("x", n(plotLeft)), ("y", n(plotBottom + 34))], text: "\(valueLabel); bar height: number of \(countLabel)")
        svg.close()

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
            let ty = 10 + Double(i) * 14 + 9
            let colour = i % 2 == 0 ? Palette.reference : Palette.ink
            svg.leaf("line", [("x1", n(mx)), ("y1", n(ty + 3)), ("x2", n(mx)), ("y2", n(plotBottom)), ("stroke", colour),
                              ("stroke-width", "1.5"), ("stroke-dasharray", i % 2 == 0 ? "5 3" : "2 2")])
            let text = "\(m.label) \(NumberText.format(m.value, valueStyle))"
            let anchor = mx + ChartText.width(text, size: ChartText.smallSize) + 4 > width - 4 ? "end" : "start"
            svg.element("text", [("x", n(anchor == "end" ? mx - 4 : mx + 4)), ("y", n(ty)), ("text-anchor", anchor), ("fill", colour)], text: text)
        }
        svg.close()
        if bins.isEmpty {
            svg.element("text", [("x", n((plotLeft + plotRight) / 2)), ("y", n((top + plotBottom) / 2)), ("text-anchor", "middle"),
                                 ("fill", Palette.mutedInk), ("font-style", "italic")], text: "No \(countLabel) to show")
        }
        return ChartCanvas(width: width, height: height, id: id, title: title, description: textAlternative, standalone: standalone).render(svg)
    }
}
