/// The one text-escaping function of the report. Every piece of text that reaches the HTML page
/// or an SVG chart, element content and attribute values alike, passes through
/// ``Markup/escape(_:)``; the Mustache page shell uses it too (registered as the template's
/// content type), so there is no second escaping rule anywhere.
public enum Markup {
    /// Escapes `&`, `<`, `>`, `"` and `'` as `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`.
    ///
    /// The five replacements are the ones both HTML5 and XML understand, so escaped text is safe in
    /// element content and in single- or double-quoted attribute values, and the page stays
    /// parseable as XML. Other characters (including non-ASCII) pass through unchanged; the page
    /// is UTF-8. Control characters other than tab, newline and carriage return, which XML forbids,
    /// are replaced by U+FFFD.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
