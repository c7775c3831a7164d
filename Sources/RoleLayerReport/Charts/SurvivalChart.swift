/// A Kaplan-Meier step curve with its shaded confidence band (for example the share of
/// organisations not yet in consensus by waves since their first wave), with the median marked.
public struct SurvivalChart: Sendable, Hashable {
    /// One step of the estimate: from `time` on, the curve is at `survival`.
    public struct Step: Sendable, Hashable {
        /// Time of the step (waves since the first wave).
        public var time: Double
        /// Estimated share still without the event, 0...1.
        public var survival: Double
        /// Lower end of the band at this step.
        public var lower: Double?
        /// Upper end of the band at this step.
        public var upper: Double?
        public init(time: Double, survival: Double, lower: Double? = nil, upper: Double? = nil) {
            self.time = time
            self.survival = survival
            self.lower = lower
            self.upper = upper
        }
    }

    /// Short title (the `<title>` of the SVG).
    public var title: String
    /// What the chart shows; the data listing is appended automatically.
    public var summary: String
    /// Steps in time order; the curve starts at 1 at time 0.
    public var steps: [Step]
    /// The median time, when reached.
    public var median: Double?
    /// Last time observed (the curve is drawn flat up to it); `nil` uses the last step.
    public var lastTime: Double?
    /// Caption of the time axis.
    public var timeLabel: String
    /// Caption of the vertical axis.
    public var valueLabel: String
    /// Name of the band in the text alternative.
    public var bandName: String

    public init(title: String, summary: String, steps: [Step], median: Double? = nil, lastTime: Double? = nil,
                timeLabel: String = "Waves since the organisation's first wave",
                valueLabel: String = "Share not yet in consensus", bandName: String = "95% band") {
        self.title = title
        self.summary = summary
        self.steps = steps
        self.median = median
        self.lastTime = lastTime
        self.timeLabel = timeLabel
        self.valueLabel = valueLabel
        self.bandName = bandName
    }

    var orderedSteps: [Step] {
        steps.filter { $0.time.isFinite && $0.survival.isFinite }.sorted { $0.time < $1.time }
    }

    /// The text alternative: the summary, each step and the median.
    public var textAlternative: String {
        let items = orderedSteps.map { s -> String in
            var text = "after \(NumberText.format(s.time, .decimals(1))) waves \(NumberText.format(s.survival, .percent(0)))"
            if let l = s.lower, let u = s.upper { text += " (\(bandName) \(NumberText.interval(l, u, .percent(0))))" }
            return text
        }
        var text = summary
        if !items.isEmpty { text += " Curve: " + items.joined(separator: "; ") + "." }
        text += median.map { " Median: \(NumberText.format($0, .decimals(1))) waves." } ?? " The median is not reached."
        return text
    }

    /// The SVG markup; `id` must be unique in the page.
    public func svg(id: String, standalone: Bool = false) -> String {
        let n = SVGBuilder.number
        let width = ChartText.chartWidth
        let steps = orderedSteps
        let endTime = max(lastTime ?? 0, steps.last?.time ?? 0, median ?? 0, 1)
        let plotLeft = 50.0, plotRight = width - 20, top = 14.0, plotBottom = 250.0
        // The band is named only when one is drawn.
        let bandDrawn = steps.contains { s in s.lower.map(\.isFinite) == true && s.upper.map(\.isFinite) == true }
        let caption = "\(timeLabel). Vertical axis: \(valueLabel.prefix(1).lowercased() + valueLabel.dropFirst())"
            + (bandDrawn ? "; shaded: \(bandName)." : "; no band (no interval to draw).")
        let height = plotBottom + 44 + ChartText.captionExtra(caption, maxWidth: width - 12)
        let x = LinearScale(domainLower: 0, domainUpper: endTime, rangeLower: plotLeft, rangeUpper: plotRight)
        let y = LinearScale(domainLower: 0, domainUpper: 1, rangeLower: plotBottom, rangeUpper: top)

        var svg = SVGBuilder()
        svg.open("g", [("class", "grid"), ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk)])
        for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
            svg.leaf("line", [("x1", n(plotLeft)), ("y1", n(y(t))), ("x2", n(plotRight)), ("y2", n(y(t))), ("stroke", Palette.grid)])
            svg.element("text", [("x", n(plotLeft - 6)), ("y", n(y(t) + 4)), ("text-anchor", "end")], text: NumberText.format(t, .percent(0)))
        }
        for t in x.ticks(count: min(Int(endTime.rounded(.up)), 8)) {
            svg.leaf("line", [("x1", n(x(t))), ("y1", n(plotBottom)), ("x2", n(x(t))), ("y2", n(plotBottom + 4)), ("stroke", Palette.axis)])
            svg.element("text", [("x", n(x(t))), ("y", n(plotBottom + 17)), ("text-anchor", "middle")], text: NumberText.format(t, t == t.rounded() ? .decimals(0) : .decimals(1)))
        }
        svg.leaf("line", [("x1", n(plotLeft)), ("y1", n(plotBottom)), ("x2", n(plotRight)), ("y2", n(plotBottom)), ("stroke", Palette.axis)])
        svg.close()
        ChartText.caption(&svg, caption, x: 8, y: plotBottom + 34, maxWidth: width - 12)

        // Band: upper and lower step functions, a polygon.
        var upperPoints: [(Double, Double)] = [(x(0), y(1))]
        var lowerPoints: [(Double, Double)] = [(x(0), y(1))]
        var previousUpper = 1.0, previousLower = 1.0
        var hasBand = false
        for s in steps {
            guard let l = s.lower, let u = s.upper, l.isFinite, u.isFinite else { continue }
            hasBand = true
            upperPoints.append((x(s.time), y(previousUpper)))
            upperPoints.append((x(s.time), y(min(max(u, 0), 1))))
            lowerPoints.append((x(s.time), y(previousLower)))
            lowerPoints.append((x(s.time), y(min(max(l, 0), 1))))
            previousUpper = min(max(u, 0), 1)
            previousLower = min(max(l, 0), 1)
        }
        if hasBand {
            upperPoints.append((x(endTime), y(previousUpper)))
            lowerPoints.append((x(endTime), y(previousLower)))
            let polygon = (upperPoints + lowerPoints.reversed()).map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
            svg.leaf("polygon", [("class", "band"), ("points", polygon), ("fill", Palette.mark), ("fill-opacity", "0.2"), ("stroke", "none")])
        }
        // Curve.
        var points: [(Double, Double)] = [(x(0), y(1))]
        var current = 1.0
        for s in steps {
            points.append((x(s.time), y(current)))
            current = min(max(s.survival, 0), 1)
            points.append((x(s.time), y(current)))
        }
        points.append((x(endTime), y(current)))
        svg.leaf("polyline", [("class", "curve"), ("points", points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")),
                              ("fill", "none"), ("stroke", Palette.mark), ("stroke-width", "2.5")])
        // Median.
        if let median, median.isFinite {
            svg.open("g", [("class", "median"), ("stroke", Palette.reference), ("stroke-width", "1.4"), ("stroke-dasharray", "5 3")])
            svg.leaf("line", [("x1", n(plotLeft)), ("y1", n(y(0.5))), ("x2", n(x(median))), ("y2", n(y(0.5)))])
            svg.leaf("line", [("x1", n(x(median))), ("y1", n(y(0.5))), ("x2", n(x(median))), ("y2", n(plotBottom))])
            svg.close()
            // Below the 50% line, left of the median: the curve lies above 50% there, so the label is clear.
            let text = "median \(NumberText.format(median, .decimals(1))) waves"
            let fitsLeft = x(median) - 6 - ChartText.width(text, size: ChartText.smallSize) >= plotLeft
            svg.element("text", [("x", n(fitsLeft ? x(median) - 6 : x(median) + 6)), ("y", n(y(0.5) + 16)), ("text-anchor", fitsLeft ? "end" : "start"),
                                 ("font-size", n(ChartText.smallSize)), ("fill", Palette.reference)], text: text)
        }
        return ChartCanvas(width: width, height: height, id: id, title: title, description: textAlternative, standalone: standalone).render(svg)
    }
}
