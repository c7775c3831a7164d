/// Building blocks of the plain-language findings: numbers said the way a person would say them.
/// Rounding for text happens here and in ``NumberText``, nowhere else.
enum Phrase {
    /// "about 1.7 waves", "about 2 waves", "about 1 wave": one decimal, as the tables write lags
    /// (a trailing ".0" dropped); "less than a tenth of a wave" when it rounds to 0.
    static func waves(_ w: Double) -> String {
        let text = waveCount(abs(w))
        if text == "0" { return "less than a tenth of a wave" }
        return "about \(text) wave\(text == "1" ? "" : "s")"
    }

    /// "3.0 points", "35.2 points", "1.0 point": points on the position scale with one decimal,
    /// as the charts and tables write them.
    static func points(_ p: Double) -> String {
        let text = NumberText.format(abs(p), .decimals(1))
        return "\(text) point\(text == "1.0" ? "" : "s")"
    }

    /// A count of waves without a needless ".0": "3", "2.5".
    static func waveCount(_ w: Double) -> String {
        let text = NumberText.format(w, .decimals(1))
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// The gap expressed in stage steps: "1.4 stage steps", "less than one stage step".
    static func stageSteps(_ gap: Double, step: Double) -> String {
        guard step > 0 else { return points(gap) }
        let steps = abs(gap) / step
        if steps < 1 - 1e-9 { return "less than one stage step" }
        let text = NumberText.format(steps, .decimals(1))
        return "\(text) stage step\(text == "1.0" ? "" : "s")"
    }

    /// A share as a rounded percentage for text: "35%", "under 1%".
    static func percent(_ share: Double) -> String {
        if share > 0 && share < 0.005 { return "under 1%" }
        return NumberText.format(share, .percent(0))
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    /// Sentence case: first letter upper-cased.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
