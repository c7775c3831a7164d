/// How a number is written for people. Rounding happens here and only here: result values keep
/// full double precision everywhere else (constructs.md, "Numbers in JSON output").
public enum NumberStyle: Sendable, Hashable {
    /// Fixed decimals: `decimals(1)` writes 61.25 as "61.3" (points on the 0...100 position scale).
    case decimals(Int)
    /// Fixed decimals with an explicit sign: "+2.3", "−1.0", "0.0" (shifts, gaps, excess alignment).
    case signed(Int)
    /// A share in 0...1 written as a percentage with the given decimals: 0.347 → "35%".
    case percent(Int)
    /// A whole count with thousands separators: 12345 → "12,345".
    case count
    /// A p-value: three decimals, and "< 0.001" below 0.001.
    case pValue
}

/// Human-readable number text: locale-independent, deterministic (the same double always gives
/// the same characters on every platform), half away from zero on the decimal expansion of the
/// binary value, thousands separated by ",", negatives with the minus sign U+2212, and never a
/// negative zero.
public enum NumberText {
    /// The minus sign used in text (U+2212 MINUS SIGN).
    public static let minus = "\u{2212}"

    /// Formats `x` in `style`. A non-finite `x` gives "—" (it should never reach the report; kernels
    /// throw instead of returning NaN).
    public static func format(_ x: Double, _ style: NumberStyle) -> String {
        guard x.isFinite else { return "\u{2014}" }
        switch style {
        case .decimals(let d):
            return fixed(x, decimals: d, plusSign: false)
        case .signed(let d):
            return fixed(x, decimals: d, plusSign: true)
        case .percent(let d):
            return fixed(x * 100, decimals: d, plusSign: false) + "%"
        case .count:
            return fixed(x, decimals: 0, plusSign: false)
        case .pValue:
            if x < 0.001 { return "< 0.001" }
            return fixed(x, decimals: 3, plusSign: false)
        }
    }

    /// Formats an optional value; `nil` gives `missing` (default "—").
    public static func format(_ x: Double?, _ style: NumberStyle, missing: String = "\u{2014}") -> String {
        guard let x else { return missing }
        return format(x, style)
    }

    /// An interval as "58.1 to 66.0" (words rather than a dash, so negative ends stay readable).
    public static func interval(_ lower: Double, _ upper: Double, _ style: NumberStyle) -> String {
        format(lower, style) + " to " + format(upper, style)
    }

    /// Fixed-point text with `decimals` (clamped to 0...9) digits after the point.
    static func fixed(_ x: Double, decimals: Int, plusSign: Bool) -> String {
        let d = min(max(decimals, 0), 9)
        var p: Double = 1
        for _ in 0..<d { p *= 10 }
        let scaledMagnitude = (abs(x) * p).rounded(.toNearestOrAwayFromZero)
        guard scaledMagnitude < 9.0e18 else {
            // Out of the integer range: fall back to Swift's shortest round-trip text.
            return (x < 0 ? minus : (plusSign ? "+" : "")) + "\(abs(x))"
        }
        let scaled = UInt64(scaledMagnitude)
        let pInt = UInt64(p)
        let integerPart = scaled / pInt
        let fraction = scaled % pInt
        var text = grouped(integerPart)
        if d > 0 {
            var digits = String(fraction)
            while digits.count < d { digits = "0" + digits }
            text += "." + digits
        }
        if scaled == 0 { return text }
        if x < 0 { return minus + text }
        return plusSign ? "+" + text : text
    }

    /// Thousands separators: 1234567 → "1,234,567".
    static func grouped(_ n: UInt64) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
