/// The top-k Spearman footrule with location parameter (Fagin, Kumar & Sivakumar 2003, "Comparing
/// top k lists", SIAM J. Discrete Math. 17:134–160, F^(ℓ)):
///
///     F^(ℓ)(a, b) = Σ_{i ∈ a ∪ b} |a′(i) − b′(i)|,  a′(i) = rank of i in a (1-based) if listed, else ℓ
///
/// with ℓ = k + 1 (constructs.md §4). RoleLayer divides by the footrule of two *disjoint* lists of
/// the same two lengths, Σ_{r=1..|a|}(ℓ − r) + Σ_{r=1..|b|}(ℓ − r), so identical lists score 0 and
/// disjoint lists 1, whatever the lengths. Each shared item contributes |rₐ − r_b| ≤ (ℓ − rₐ) + (ℓ − r_b),
/// so the normalised value is always in 0...1; it is symmetric in a and b.
public enum SpearmanFootrule {
    /// The normalised top-k footrule distance in 0...1 (0 = identical lists, 1 = no item in common).
    ///
    /// - Parameters:
    ///   - a, b: ranked lists of distinct item indices (≥ 0), most important first, lengths 1...k.
    ///   - k: the maximum list length of the instrument (3 by default in RoleLayer), ≥ 1.
    /// - Throws: `StatisticError("an empty list has no ranking")` when either list is empty (a
    ///   respondent who ranked nothing has no priorities distance: "not available");
    ///   `StatisticError("k must be at least 1")`; ``StatisticError/shape(_:)`` when a list is longer
    ///   than k; `StatisticError("a list repeats an item")`; `StatisticError("item indices must be
    ///   non-negative")`. O(k²), no allocation beyond the lists.
    public static func normalisedDistance(_ a: [Int], _ b: [Int], k: Int) throws(StatisticError) -> Double {
        guard k >= 1 else { throw StatisticError("k must be at least 1") }
        guard !a.isEmpty, !b.isEmpty else { throw StatisticError("an empty list has no ranking") }
        guard a.count <= k, b.count <= k else { throw .shape("a list is longer than k = \(k)") }
        for list in [a, b] {
            for (i, x) in list.enumerated() {
                guard x >= 0 else { throw StatisticError("item indices must be non-negative") }
                for y in list[(i + 1)...] where y == x { throw StatisticError("a list repeats an item") }
            }
        }
        let l = k + 1
        var total = 0
        for (ia, x) in a.enumerated() {
            let rankB = b.firstIndex(of: x).map { $0 + 1 } ?? l
            total += abs((ia + 1) - rankB)
        }
        for (ib, y) in b.enumerated() where !a.contains(y) {
            total += l - (ib + 1)
        }
        var maximum = 0
        for r in 1...a.count { maximum += l - r }
        for r in 1...b.count { maximum += l - r }
        return Double(total) / Double(maximum)
    }
}
