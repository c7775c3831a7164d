/// Writes SVG markup element by element. Every attribute value and every piece of text goes through
/// ``Markup/escape(_:)``; coordinates go through ``SVGBuilder/number(_:)``. Attributes are ordered
/// arrays, never dictionaries, so the output is byte-identical for the same input.
struct SVGBuilder {
    /// The markup written so far.
    private(set) var output = ""
    /// Names of the elements opened and not yet closed (innermost last).
    private var openElements: [String] = []

    typealias Attributes = [(String, String)]

    /// Opens `<name attributes…>`; close it with ``close()``.
    mutating func open(_ name: String, _ attributes: Attributes = []) {
        output += "<" + name
        appendAttributes(attributes)
        output += ">"
        openElements.append(name)
    }

    /// Closes the innermost open element.
    mutating func close() {
        guard let name = openElements.popLast() else {
            preconditionFailure("SVGBuilder.close() without an open element")
        }
        output += "</" + name + ">"
    }

    /// An element without children: `<name attributes…/>`.
    mutating func leaf(_ name: String, _ attributes: Attributes) {
        output += "<" + name
        appendAttributes(attributes)
        output += "/>"
    }

    /// An element holding escaped text: `<name attributes…>text</name>`.
    mutating func element(_ name: String, _ attributes: Attributes = [], text: String) {
        output += "<" + name
        appendAttributes(attributes)
        output += ">" + Markup.escape(text) + "</" + name + ">"
    }

    /// A `<text>` element; `lines` of more than one entry become `<tspan>`s `lineHeight` apart,
    /// the block's first baseline at `y`.
    mutating func text(_ lines: [String], x: Double, y: Double, lineHeight: Double = 0, _ attributes: Attributes = []) {
        if lines.count <= 1 {
            element("text", [("x", Self.number(x)), ("y", Self.number(y))] + attributes, text: lines.first ?? "")
            return
        }
        open("text", [("x", Self.number(x)), ("y", Self.number(y))] + attributes)
        for (i, line) in lines.enumerated() {
            element("tspan", [("x", Self.number(x)), ("dy", i == 0 ? "0" : Self.number(lineHeight))], text: line)
        }
        close()
    }

    /// Appends trusted markup written inside this module (constants such as the shared
    /// definitions), unescaped.
    mutating func raw(_ markup: String) {
        output += markup
    }

    /// Appends finished markup written by another builder.
    mutating func append(_ other: SVGBuilder) {
        precondition(other.openElements.isEmpty, "appending a builder with open elements")
        output += other.output
    }

    /// The finished markup; every element must have been closed.
    func finished() -> String {
        precondition(openElements.isEmpty, "SVGBuilder finished with open elements: \(openElements)")
        return output
    }

    private mutating func appendAttributes(_ attributes: Attributes) {
        for (key, value) in attributes {
            output += " " + key + "=\"" + Markup.escape(value) + "\""
        }
    }

    /// A coordinate or length: at most two decimals, trailing zeros dropped, ASCII "-" (SVG syntax,
    /// not the text minus sign), never "-0". Deterministic and locale-free.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let scaled = (abs(x) * 100).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else { return x < 0 ? "-\(abs(x))" : "\(x)" }
        let n = UInt64(scaled)
        var text = String(n / 100)
        let fraction = n % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return (x < 0 && n != 0) ? "-" + text : text
    }
}
