import Testing
@testable import RoleLayerReport

struct MarkupTests {
    /// The five markup characters become the five XML/HTML escapes.
    @Test func escapesFiveCharacters() {
        #expect(Markup.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
    }

    /// A script tag in text cannot survive escaping.
    @Test func escapesScript() {
        let escaped = Markup.escape("<script>alert(1)</script>")
        #expect(!escaped.contains("<"))
        #expect(escaped == "&lt;script&gt;alert(1)&lt;/script&gt;")
    }

    /// Non-ASCII text passes through; control characters XML forbids are replaced.
    @Test func unicodeAndControlCharacters() {
        #expect(Markup.escape("Zoë — CDAO") == "Zoë — CDAO")
        #expect(Markup.escape("a\u{0001}b\tc\nd") == "a\u{FFFD}b\tc\nd")
    }

    /// Escaping is not idempotent by accident: an ampersand of an existing escape is escaped again.
    @Test func escapesExistingEntities() {
        #expect(Markup.escape("&lt;") == "&amp;lt;")
    }
}

struct NumberTextTests {
    /// Fixed decimals round half away from zero on the decimal value.
    @Test func fixedDecimals() {
        #expect(NumberText.format(61.25, .decimals(1)) == "61.3")
        #expect(NumberText.format(61.24, .decimals(1)) == "61.2")
        #expect(NumberText.format(8.333333333, .decimals(2)) == "8.33")
        #expect(NumberText.format(2, .decimals(0)) == "2")
        #expect(NumberText.format(0.5, .decimals(0)) == "1")
    }

    /// Negative numbers use U+2212, and a value that rounds to zero has no sign.
    @Test func signs() {
        #expect(NumberText.format(-1.04, .decimals(1)) == "\u{2212}1.0")
        #expect(NumberText.format(-0.04, .decimals(1)) == "0.0")
        #expect(NumberText.format(-0.0, .signed(1)) == "0.0")
        #expect(NumberText.format(2.34, .signed(1)) == "+2.3")
        #expect(NumberText.format(-2.34, .signed(1)) == "\u{2212}2.3")
    }

    /// Counts have thousands separators; percentages scale shares by 100.
    @Test func countsAndPercentages() {
        #expect(NumberText.format(1234567, .count) == "1,234,567")
        #expect(NumberText.format(999, .count) == "999")
        #expect(NumberText.format(0.347, .percent(0)) == "35%")
        #expect(NumberText.format(0.0345, .percent(1)) == "3.5%")
        #expect(NumberText.format(12345.678, .decimals(1)) == "12,345.7")
    }

    /// p-values below 0.001 are written as "< 0.001".
    @Test func pValues() {
        #expect(NumberText.format(0.0004, .pValue) == "< 0.001")
        #expect(NumberText.format(0.0123, .pValue) == "0.012")
        #expect(NumberText.format(1, .pValue) == "1.000")
    }

    /// Non-finite and missing values give a dash, never "nan".
    @Test func missingValues() {
        #expect(NumberText.format(Double.nan, .decimals(1)) == "\u{2014}")
        #expect(NumberText.format(nil, .decimals(1)) == "\u{2014}")
        #expect(NumberText.interval(-1.25, 3.5, .decimals(1)) == "\u{2212}1.3 to 3.5")
    }

    /// SVG coordinates: two decimals at most, ASCII minus, no "-0".
    @Test func svgNumbers() {
        #expect(SVGBuilder.number(12.345) == "12.35")
        #expect(SVGBuilder.number(12.3) == "12.3")
        #expect(SVGBuilder.number(12) == "12")
        #expect(SVGBuilder.number(-0.001) == "0")
        #expect(SVGBuilder.number(-3.05) == "-3.05")
        #expect(SVGBuilder.number(0.07) == "0.07")
    }
}
