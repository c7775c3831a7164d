import Foundation

/// An sRGB colour, written as `#rrggbb`.
struct RGB: Sendable, Hashable {
    var red: Double
    var green: Double
    var blue: Double

    init(_ hex: UInt32) {
        red = Double((hex >> 16) & 0xFF) / 255
        green = Double((hex >> 8) & 0xFF) / 255
        blue = Double(hex & 0xFF) / 255
    }

    init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#rrggbb`, lower-case.
    var hex: String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for channel in [red, green, blue] {
            let v = Int((min(max(channel, 0), 1) * 255).rounded())
            out.append(digits[v / 16])
            out.append(digits[v % 16])
        }
        return out
    }

    /// Relative luminance (WCAG 2.1).
    var luminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Dark or white text, whichever contrasts more with this fill.
    var textColour: String {
        // Contrast with #1a1a1a (luminance about 0.010) against contrast with white.
        let l = luminance
        let withDark = (l + 0.05) / (0.0103 + 0.05)
        let withWhite = 1.05 / (l + 0.05)
        return withDark >= withWhite ? Palette.ink : "#ffffff"
    }

    static func mix(_ a: RGB, _ b: RGB, _ t: Double) -> RGB {
        RGB(red: a.red + (b.red - a.red) * t, green: a.green + (b.green - a.green) * t, blue: a.blue + (b.blue - a.blue) * t)
    }
}

/// The report's colours: colour-blind-safe throughout, never red against green.
///
/// - Sequential: viridis (van der Walt & Smith, matplotlib 2015), 11 anchors, linear in sRGB between them.
/// - Diverging: ColorBrewer PuOr (Brewer, Harrower & Penn State 2003), orange below the centre,
///   purple above it, near-white at the centre.
/// - Categorical: Okabe & Ito (2008), without its yellow (too light on white).
enum Palette {
    /// Text colour.
    static let ink = "#1a1a1a"
    /// Secondary text (axis labels, notes).
    static let mutedInk = "#555555"
    /// Gridlines.
    static let grid = "#d9d9d9"
    /// Stage-step gridlines (slightly stronger than ordinary grid).
    static let stageGrid = "#c4c4c4"
    /// Axis lines.
    static let axis = "#8c8c8c"
    /// Marks of single-series charts (a dark viridis blue).
    static let mark = "#31688e"
    /// Intervals drawn around marks.
    static let whisker = "#4d4d4d"
    /// Reference lines (cohort value, thresholds): Okabe-Ito vermillion.
    static let reference = "#d55e00"
    /// Fill of an empty cell (nothing to show, e.g. a heatmap diagonal).
    static let empty = "#f2f2f2"

    private static let viridisAnchors: [RGB] = [
        0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
        0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725,
    ].map { RGB($0) }

    private static let puOrAnchors: [RGB] = [
        0x7f3b08, 0xb35806, 0xe08214, 0xfdb863, 0xfee0b6, 0xf7f7f7,
        0xd8daeb, 0xb2abd2, 0x8073ac, 0x542788, 0x2d004b,
    ].map { RGB($0) }

    /// Okabe-Ito: blue, orange, bluish green, reddish purple, sky blue, vermillion, black, grey.
    static let categorical: [String] = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000", "#7f7f7f"]

    /// Viridis at `t` in 0...1 (clamped): dark purple at 0, yellow at 1.
    static func viridis(_ t: Double) -> RGB { interpolate(viridisAnchors, t) }

    /// PuOr at `t` in -1...1 (clamped): dark orange at -1, near-white at 0, dark purple at +1.
    static func puOr(_ t: Double) -> RGB { interpolate(puOrAnchors, (min(max(t, -1), 1) + 1) / 2) }

    /// `count` distinct viridis colours for ordered categories (stages): from 0.05 to 0.95 so
    /// neither end is near-black or too pale.
    static func viridisSteps(_ count: Int) -> [RGB] {
        guard count > 1 else { return [viridis(0.5)] }
        return (0..<count).map { viridis(0.05 + 0.9 * Double($0) / Double(count - 1)) }
    }

    private static func interpolate(_ anchors: [RGB], _ t: Double) -> RGB {
        let clamped = min(max(t.isFinite ? t : 0, 0), 1)
        let position = clamped * Double(anchors.count - 1)
        let i = min(Int(position), anchors.count - 2)
        return RGB.mix(anchors[i], anchors[i + 1], position - Double(i))
    }
}
