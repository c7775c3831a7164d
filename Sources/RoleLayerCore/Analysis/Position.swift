/// The respondent position on the adoption spectrum (constructs.md §1).
///
/// x = 100 · Σ w_k z_k / Σ w_k over the answered components, with z_stage = s/6,
/// z_confidence = (c − 1)/6, z_preparedness = (p − 1)/6 and the instrument's weights
/// (default 0.5, 0.25, 0.25). Range 0...100, higher is further along. Without a stage there is
/// no position (the stage is required in every record).
public enum Position {
    /// The position of one respondent.
    ///
    /// - Parameters:
    ///   - stage: 0...6.
    ///   - confidence: 1...7, or `nil` when not answered.
    ///   - preparedness: 1...7, or `nil` when not answered.
    ///   - settings: gives the three weights.
    /// - Returns: x in 0...100.
    @inlinable
    public static func of(stage: Int, confidence: Int?, preparedness: Int?, settings: AnalysisSettings) -> Double {
        var num = settings.stageWeight * Double(stage) / 6
        var den = settings.stageWeight
        if let c = confidence {
            num += settings.confidenceWeight * Double(c - 1) / 6
            den += settings.confidenceWeight
        }
        if let p = preparedness {
            num += settings.preparednessWeight * Double(p - 1) / 6
            den += settings.preparednessWeight
        }
        return 100 * num / den
    }
}
