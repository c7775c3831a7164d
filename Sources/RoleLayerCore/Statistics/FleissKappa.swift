/// Fleiss' kappa: chance-corrected agreement of a fixed number of raters per subject on a nominal
/// scale (Fleiss 1971, "Measuring nominal scale agreement among many raters", *Psychological
/// Bulletin* 76:378–382).
///
/// κ = (P̄ − P̄_e) / (1 − P̄_e), with P_i = (Σ_j n_ij² − n) / (n(n − 1)) the agreement on subject i,
/// P̄ the mean of P_i, p_j = Σ_i n_ij / (N·n) the share of category j and P̄_e = Σ_j p_j².
/// Same value as statsmodels `fleiss_kappa(table, method='fleiss')`.
public enum FleissKappa {
    /// Kappa with its two agreement terms.
    public struct Result: Sendable, Hashable, Codable {
        /// κ, at most 1; 0 = chance agreement; negative = less than chance.
        public var kappa: Double
        /// P̄, the mean observed agreement over subjects, 0...1.
        public var observedAgreement: Double
        /// P̄_e, the agreement expected by chance from the category shares, 0...1 (< 1).
        public var chanceAgreement: Double
        /// N, the number of subjects.
        public var subjects: Int
        /// n, the number of raters per subject.
        public var raters: Int
    }

    /// Fleiss' kappa of a subjects × categories count table.
    ///
    /// - Parameter counts: `counts[i][j]` = number of raters who put subject i in category j, each
    ///   ≥ 0; every row has the same number of categories and the same total n ≥ 2.
    /// - Throws: `.noData` for no subjects or no categories; `.shape` for ragged rows, negative
    ///   counts or unequal row totals; `.tooFew(2, "raters per subject")` for n < 2;
    ///   `StatisticError` when every rating falls in one category (P̄_e = 1).
    public static func estimate(_ counts: [[Int]]) throws(StatisticError) -> Result {
        guard let first = counts.first, !first.isEmpty else { throw .noData }
        let categories = first.count
        let raters = first.reduce(0, +)
        var categoryTotals = [Double](repeating: 0, count: categories)
        var agreementSum = 0.0
        for (i, row) in counts.enumerated() {
            guard row.count == categories else { throw .shape("row \(i) has \(row.count) categories, expected \(categories)") }
            var total = 0, squares = 0
            for (j, count) in row.enumerated() {
                guard count >= 0 else { throw .shape("negative count in row \(i)") }
                total += count
                squares += count * count
                categoryTotals[j] += Double(count)
            }
            guard total == raters else { throw .shape("row \(i) has \(total) ratings, expected \(raters)") }
            if raters >= 2 {
                agreementSum += Double(squares - raters) / Double(raters * (raters - 1))
            }
        }
        guard raters >= 2 else { throw .tooFew(2, "raters per subject") }
        let subjects = counts.count
        let observed = agreementSum / Double(subjects)
        let allRatings = Double(subjects * raters)
        var chance = 0.0
        for total in categoryTotals { let p = total / allRatings; chance += p * p }
        guard chance < 1 else { throw StatisticError("every rating falls in one category: chance agreement is 1") }
        return Result(kappa: (observed - chance) / (1 - chance), observedAgreement: observed,
                      chanceAgreement: chance, subjects: subjects, raters: raters)
    }

    /// Fleiss' kappa of a subjects × categories count table; see ``estimate(_:)`` for shapes and errors.
    public static func kappa(_ counts: [[Int]]) throws(StatisticError) -> Double {
        try estimate(counts).kappa
    }
}
