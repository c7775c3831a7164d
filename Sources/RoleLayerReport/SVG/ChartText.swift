/// Text measurement and fitting for charts. Widths are estimates (no font metrics on a server):
/// 0.6 em per character, which is generous for DejaVu Sans and the usual system sans-serif fonts,
/// so estimated labels rather overflow their space in the estimate than on the screen.
enum ChartText {
    /// Width of a chart's viewBox in user units. Narrow enough that text stays legible when a chart
    /// is scaled down to a 390-pixel phone (about 0.76 x), wide enough for ten rows of roles.
    static let chartWidth: Double = 480
    /// Font size of labels (user units of the viewBox).
    static let labelSize: Double = 14
    /// Font size of small text (axis ticks, legends, notes).
    static let smallSize: Double = 12
    /// Average advance per character, in em.
    static let averageAdvance: Double = 0.6

    /// Estimated width of `text` at `size`.
    static func width(_ text: String, size: Double) -> Double {
        var units = 0.0
        for ch in text {
            // Narrow characters count less, wide capitals more.
            if ".,:;'!|il1 ()[]".contains(ch) { units += 0.35 } else if ch.isUppercase || ch == "m" || ch == "w" || ch == "%" { units += 0.78 } else { units += averageAdvance }
        }
        return units * size
    }

    /// Breaks `text` into at most `maxLines` lines no wider than `maxWidth`, at spaces; the last line
    /// ends in "…" when the text does not fit. A single word wider than the space is cut.
    static func lines(_ text: String, maxWidth: Double, size: Double, maxLines: Int = 2) -> [String] {
        if width(text, size: size) <= maxWidth { return [text] }
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var result: [String] = []
        var current = ""
        var index = 0
        while index < words.count {
            let candidate = current.isEmpty ? words[index] : current + " " + words[index]
            if width(candidate, size: size) <= maxWidth || current.isEmpty && result.count == maxLines - 1 {
                current = candidate
                index += 1
            } else if current.isEmpty {
                // One word wider than the line: cut it.
                current = candidate
                index += 1
            } else {
                result.append(current)
                current = ""
                if result.count == maxLines - 1 {
                    current = words[index...].joined(separator: " ")
                    index = words.count
                }
            }
        }
        if !current.isEmpty { result.append(current) }
        if result.count > maxLines { result = Array(result.prefix(maxLines)) }
        // Trim the last line (and any over-long line) to the width with an ellipsis.
        return result.map { truncate($0, maxWidth: maxWidth, size: size) }
    }

    /// Draws `text` in small muted type, wrapped over at most two lines from (`x`, `y`); returns the
    /// height used below the first baseline.
    @discardableResult
    static func caption(_ svg: inout SVGBuilder, _ text: String, x: Double, y: Double, maxWidth: Double) -> Double {
        let lines = lines(text, maxWidth: maxWidth, size: smallSize)
        svg.text(lines, x: x, y: y, lineHeight: smallSize + 3, [("font-size", SVGBuilder.number(smallSize)), ("fill", Palette.mutedInk)])
        return Double(lines.count - 1) * (smallSize + 3)
    }

    /// Height a ``caption(_:_:x:y:maxWidth:)`` adds below its first baseline.
    static func captionExtra(_ text: String, maxWidth: Double) -> Double {
        Double(lines(text, maxWidth: maxWidth, size: smallSize).count - 1) * (smallSize + 3)
    }

    /// `text` cut at the end with "…" so that it fits `maxWidth`.
    static func truncate(_ text: String, maxWidth: Double, size: Double) -> String {
        if width(text, size: size) <= maxWidth { return text }
        var characters = Array(text)
        while !characters.isEmpty && width(String(characters) + "…", size: size) > maxWidth {
            characters.removeLast()
        }
        while characters.last == " " { characters.removeLast() }
        return String(characters) + "…"
    }
}

/// A linear map from data values to user units.
struct LinearScale {
    var domainLower: Double
    var domainUpper: Double
    var rangeLower: Double
    var rangeUpper: Double

    func callAsFunction(_ value: Double) -> Double {
        let span = domainUpper - domainLower
        guard span != 0 else { return (rangeLower + rangeUpper) / 2 }
        return rangeLower + (value - domainLower) / span * (rangeUpper - rangeLower)
    }

    /// Values clamped to the domain before mapping.
    func clamped(_ value: Double) -> Double {
        self(min(max(value, min(domainLower, domainUpper)), max(domainLower, domainUpper)))
    }

    /// "Nice" tick values (steps of 1, 2 or 5 times a power of ten) inside the domain, about `count` of them.
    func ticks(count: Int = 5) -> [Double] {
        Self.niceTicks(lower: min(domainLower, domainUpper), upper: max(domainLower, domainUpper), count: count)
    }

    static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(count, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let residual = raw / magnitude
        let factor: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10
        return factor * magnitude
    }

    static func niceTicks(lower: Double, upper: Double, count: Int) -> [Double] {
        let step = niceStep(span: upper - lower, count: count)
        var ticks: [Double] = []
        var k = (lower / step).rounded(.up)
        while k * step <= upper + step * 1e-9 && ticks.count < 100 {
            let v = k * step
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return ticks
    }

    /// A domain widened to nice steps that contains `lower...upper`.
    static func niceDomain(lower: Double, upper: Double, count: Int = 5) -> (Double, Double) {
        guard upper > lower else { return (lower - 1, upper + 1) }
        let step = niceStep(span: upper - lower, count: count)
        return ((lower / step).rounded(.down) * step, (upper / step).rounded(.up) * step)
    }
}

import Foundation
