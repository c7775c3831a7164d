/// Definitions every chart on a page shares, and the one way a suppressed figure is drawn.
///
/// A suppressed figure (the anonymity rule was not met) is never drawn as 0 or left blank: it is
/// a cell filled with the hatch pattern `#rl-suppressed` (grey diagonal lines on white) and labelled
/// ``SuppressedMark/label`` ("n < k") where there is room. The pattern is defined once per page in
/// a zero-size `<svg>` (not `display:none`, which would stop browsers painting the pattern), so it
/// looks the same in every chart; tables use the same stripes in CSS.
enum SharedDefinitions {
    /// The id of the hatch pattern.
    static let suppressedPatternID = "rl-suppressed"

    /// `<defs>` with the hatch pattern.
    static let defs =
        "<defs><pattern id=\"\(suppressedPatternID)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
        + "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
        + "<line x1=\"1\" y1=\"0\" x2=\"1\" y2=\"6\" stroke=\"#9a9a9a\" stroke-width=\"1.6\"/>"
        + "</pattern></defs>"

    /// The page-level holder of ``defs``: zero size, hidden from assistive technology.
    static let pageDefinitions =
        "<svg class=\"rl-defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\" style=\"position:absolute;width:0;height:0;overflow:hidden\">"
        + defs + "</svg>"
}

/// Drawing of suppressed figures.
enum SuppressedMark {
    /// The label of a suppressed figure.
    static let label = "n < k"
    /// The fill that references the shared hatch pattern.
    static let fill = "url(#\(SharedDefinitions.suppressedPatternID))"
    /// Stroke of a suppressed cell.
    static let stroke = "#8c8c8c"

    /// A hatched rectangle; labelled "n < k" when `labelled` and the rectangle is wide enough.
    static func draw(_ svg: inout SVGBuilder, x: Double, y: Double, width: Double, height: Double,
                     labelled: Bool = true, fontSize: Double = ChartText.smallSize, tooltip: String? = nil) {
        svg.open("g", [("class", "suppressed")])
        if let tooltip { svg.element("title", text: tooltip) }
        svg.leaf("rect", [("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(y)),
                          ("width", SVGBuilder.number(width)), ("height", SVGBuilder.number(height)),
                          ("fill", fill), ("stroke", stroke), ("stroke-width", "0.8")])
        if labelled && width >= ChartText.width(label, size: fontSize) + 6 && height >= fontSize {
            haloText(&svg, label, x: x + width / 2, y: y + height / 2 + fontSize * 0.35, size: fontSize, anchor: "middle")
        }
        svg.close()
    }

    /// Text with a white halo, legible over the hatch.
    static func haloText(_ svg: inout SVGBuilder, _ text: String, x: Double, y: Double, size: Double, anchor: String) {
        svg.element("text", [("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(y)), ("text-anchor", anchor),
                             ("font-size", SVGBuilder.number(size)), ("fill", Palette.ink),
                             ("stroke", "#ffffff"), ("stroke-width", "3"), ("paint-order", "stroke"),
                             ("stroke-linejoin", "round")], text: text)
    }

    /// A legend entry: a small hatched swatch and "n < k: <explanation>".
    static func legend(_ svg: inout SVGBuilder, x: Double, y: Double, explanation: String = "suppressed (too few to show)") {
        svg.leaf("rect", [("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(y - 9)), ("width", "14"), ("height", "11"),
                          ("fill", fill), ("stroke", stroke), ("stroke-width", "0.8")])
        svg.element("text", [("x", SVGBuilder.number(x + 19)), ("y", SVGBuilder.number(y)),
                             ("font-size", SVGBuilder.number(ChartText.smallSize)), ("fill", Palette.mutedInk)],
                    text: label + ": " + explanation)
    }

    /// Estimated width of ``legend(_:x:y:explanation:)``.
    static func legendWidth(explanation: String = "suppressed (too few to show)") -> Double {
        19 + ChartText.width(label + ": " + explanation, size: ChartText.smallSize)
    }
}
