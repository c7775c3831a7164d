/// The frame every chart shares: the `<svg>` element with its viewBox, `role="img"`, and the
/// `<title>`/`<desc>` text alternative referenced by `aria-labelledby`.
///
/// Inline in the HTML page a chart needs no `xmlns` (HTML5 puts `<svg>` in the SVG namespace);
/// ``standalone`` adds it, and the shared `<defs>`, for an SVG written as its own file.
struct ChartCanvas {
    var width: Double
    var height: Double
    var id: String
    var title: String
    var description: String
    var standalone: Bool = false
    /// The smallest font size the chart uses (user units); sets the minimum width.
    var smallestFontSize: Double = ChartText.smallSize

    /// Width limits: the chart takes the content column's width (CSS `width: 100%`, no upper
    /// limit), and never shrinks below the width at which its smallest text is
    /// ``minimumTextPixels`` CSS pixels (0.875 x the viewBox for 12-unit text); on a narrower
    /// screen its figure scrolls sideways rather than shrinking the text below legibility.
    var style: String {
        let scale = Self.minimumTextPixels / max(smallestFontSize, 1)
        return "min-width:\(SVGBuilder.number((width * scale).rounded()))px"
    }

    /// Smallest rendered size of chart text, in CSS pixels.
    static let minimumTextPixels = 10.5

    /// Wraps `body` (chart marks) in the frame.
    func render(_ body: SVGBuilder) -> String {
        var svg = SVGBuilder()
        var attributes: SVGBuilder.Attributes = []
        if standalone { attributes.append(("xmlns", "http://www.w3.org/2000/svg")) }
        attributes += [
            ("viewBox", "0 0 \(SVGBuilder.number(width)) \(SVGBuilder.number(height))"),
            ("width", SVGBuilder.number(width)),
            ("class", "chart"),
            ("role", "img"),
            ("aria-labelledby", "\(id)-title \(id)-desc"),
            ("style", style),
            ("font-size", SVGBuilder.number(ChartText.labelSize)),
        ]
        svg.open("svg", attributes)
        svg.element("title", [("id", "\(id)-title")], text: title)
        svg.element("desc", [("id", "\(id)-desc")], text: description)
        if standalone { svg.raw(SharedDefinitions.defs) }
        svg.append(body)
        svg.close()
        return svg.finished()
    }
}

