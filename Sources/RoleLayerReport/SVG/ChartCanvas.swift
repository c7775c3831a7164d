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

    /// Width limits: at most 1.15 x the viewBox width in CSS pixels; a chart wider than the
    /// standard width keeps at least 0.8 x its width (its figure scrolls sideways on a phone rather
    /// than shrinking the text below legibility).
    var style: String {
        var s = "max-width:\(SVGBuilder.number((width * 1.15).rounded()))px"
        if width > ChartText.chartWidth + 0.5 { s += ";min-width:\(SVGBuilder.number((width * 0.8).rounded()))px" }
        return s
    }

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

