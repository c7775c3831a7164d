/// Jaccard distance between two sets held as 64-bit bitsets (bit i set = item i, for example
/// blocker index i, selected): 1 − |A ∩ B| / |A ∪ B| (Jaccard 1912, New Phytologist 11:37–50).
///
/// Convention (constructs.md §4, "risk"): two empty sets have distance **0** (both respondents cite
/// no blocker: they agree). O(1) with popcount.
public enum Jaccard {
    /// The distance in 0...1: 0 for equal sets (including both empty), 1 for disjoint non-empty sets.
    /// Symmetric.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Double {
        1 - similarity(a, b)
    }

    /// The similarity |A ∩ B| / |A ∪ B| in 0...1; 1 when both sets are empty.
    public static func similarity(_ a: UInt64, _ b: UInt64) -> Double {
        let union = (a | b).nonzeroBitCount
        guard union > 0 else { return 1 }
        return Double((a & b).nonzeroBitCount) / Double(union)
    }
}
