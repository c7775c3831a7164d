/// Intraclass correlations: ICC(1) and ICC(2) of group membership from a one-way ANOVA (the
/// multilevel-aggregation indices of Bliese 2000), and the six Shrout & Fleiss (1979) forms on a
/// complete targets × judges matrix.
public enum IntraclassCorrelation {
    /// How ICC(1) turns unequal group sizes into the k of its formula.
    public enum GroupSizeRule: String, Sendable, Hashable, Codable, CaseIterable {
        /// k = N / G, the mean group size (the R package `multilevel`, `ICC1`).
        case averageGroupSize
        /// k = n₀ = (N − Σ n_j² / N) / (G − 1) (Searle, Casella & McCulloch 1992, *Variance
        /// Components*, eq. 3.34), the classical unbalanced one-way choice.
        case searle
    }

    /// The group size k that `rule` gives for a one-way table.
    public static func groupSize(_ anova: AnalysisOfVariance.OneWayResult, rule: GroupSizeRule) -> Double {
        let n = Double(anova.observationCount), g = Double(anova.groupCount)
        switch rule {
        case .averageGroupSize: return n / g
        case .searle: return (n - anova.sumOfSquaredGroupSizes / n) / (g - 1)
        }
    }

    /// ICC(1) = (MSB − MSW) / (MSB + (k − 1)·MSW): the share of the variance of one observation
    /// due to group membership (Bliese 2000, in Klein & Kozlowski (eds.), *Multilevel Theory,
    /// Research, and Methods in Organizations*, pp. 349–381). Range −1/(k−1)...1; negative values
    /// are legal and returned as is.
    /// - Parameters:
    ///   - anova: the one-way ANOVA of the outcome by group.
    ///   - rule: group-size rule for unequal groups; default k = N/G as `multilevel`.
    /// - Throws: `.zeroVariance` if the denominator is not positive (cannot happen for a table
    ///   produced by ``AnalysisOfVariance/oneWay(values:groups:)``).
    public static func icc1(_ anova: AnalysisOfVariance.OneWayResult, groupSize rule: GroupSizeRule = .averageGroupSize) throws(StatisticError) -> Double {
        let k = groupSize(anova, rule: rule)
        let denominator = anova.msBetween + (k - 1) * anova.msWithin
        guard denominator > 0 else { throw .zeroVariance }
        return (anova.msBetween - anova.msWithin) / denominator
    }

    /// ICC(2) = (MSB − MSW) / MSB = 1 − 1/F: the reliability of the group means (Bliese 2000).
    /// At most 1; negative when MSB < MSW.
    /// - Throws: `.zeroVariance` when MSB = 0 (all group means equal; ``AnalysisOfVariance/oneWay(values:groups:)``
    ///   reports an SS_between of rounding noise as exactly 0).
    public static func icc2(_ anova: AnalysisOfVariance.OneWayResult) throws(StatisticError) -> Double {
        guard anova.msBetween > 0 else { throw .zeroVariance }
        return (anova.msBetween - anova.msWithin) / anova.msBetween
    }

    /// ICC(1) of `values` by `groups`; shapes and errors of ``AnalysisOfVariance/oneWay(values:groups:)``.
    public static func icc1(values: [Double], groups: [Int], groupSize rule: GroupSizeRule = .averageGroupSize) throws(StatisticError) -> Double {
        try icc1(AnalysisOfVariance.oneWay(values: values, groups: groups), groupSize: rule)
    }

    /// ICC(2) of `values` by `groups`; shapes and errors of ``AnalysisOfVariance/oneWay(values:groups:)``.
    public static func icc2(values: [Double], groups: [Int]) throws(StatisticError) -> Double {
        try icc2(AnalysisOfVariance.oneWay(values: values, groups: groups))
    }

    // MARK: - Shrout & Fleiss

    /// One Shrout–Fleiss form: the coefficient, its F test and its confidence interval.
    public struct Form: Sendable, Hashable, Codable {
        /// The ICC, at most 1 (can be negative).
        public var value: Double
        /// The F statistic of H0: ICC = 0 (BMS/WMS for the one-way forms, BMS/EMS otherwise);
        /// nil when the error mean square is 0.
        public var f: Double?
        /// Numerator degrees of freedom, n − 1.
        public var df1: Int
        /// Denominator degrees of freedom: n(k − 1) for the one-way forms, (n − 1)(k − 1) otherwise.
        public var df2: Int
        /// Upper-tail p-value of `f`.
        public var pValue: Double?
        /// Lower confidence limit (Shrout & Fleiss 1979; McGraw & Wong 1996 for the absolute-agreement
        /// forms, Satterthwaite degrees of freedom), as pingouin computes it; nil when `f` is nil.
        public var lower: Double?
        /// Upper confidence limit; nil when `f` is nil.
        public var upper: Double?
    }

    /// The six Shrout & Fleiss forms with their mean squares.
    public struct ShroutFleissResult: Sendable, Hashable, Codable {
        /// n, the number of targets (rows).
        public var targets: Int
        /// k, the number of judges (columns).
        public var judges: Int
        /// Between-targets mean square, SS_rows / (n − 1).
        public var bms: Double
        /// Between-judges mean square, SS_columns / (k − 1).
        public var jms: Double
        /// Residual mean square, SS_error / ((n − 1)(k − 1)).
        public var ems: Double
        /// Within-targets mean square, (SS_columns + SS_error) / (n(k − 1)).
        public var wms: Double
        /// ICC(1,1): one-way random, single judge.
        public var icc11: Form
        /// ICC(2,1) = ICC(A,1): two-way random, absolute agreement, single judge.
        public var icc21: Form
        /// ICC(3,1) = ICC(C,1): two-way mixed, consistency, single judge.
        public var icc31: Form
        /// ICC(1,k): one-way random, mean of k judges.
        public var icc1k: Form
        /// ICC(2,k) = ICC(A,k): absolute agreement, mean of k judges.
        public var icc2k: Form
        /// ICC(3,k) = ICC(C,k): consistency, mean of k judges.
        public var icc3k: Form
    }

    /// The Shrout & Fleiss (1979, *Psychological Bulletin* 86:420–428) intraclass correlations of
    /// a complete targets × judges matrix, with F tests and confidence intervals as in pingouin
    /// `intraclass_corr` (McGraw & Wong 1996, *Psychological Methods* 1:30–46, for ICC(A,1)).
    ///
    /// Formulas: ICC(1,1) = (BMS − WMS)/(BMS + (k−1)WMS); ICC(2,1) = (BMS − EMS)/(BMS + (k−1)EMS +
    /// k(JMS − EMS)/n); ICC(3,1) = (BMS − EMS)/(BMS + (k−1)EMS); ICC(1,k) = (BMS − WMS)/BMS;
    /// ICC(2,k) = (BMS − EMS)/(BMS + (JMS − EMS)/n); ICC(3,k) = (BMS − EMS)/BMS.
    ///
    /// RoleLayer's own data rarely fit this design (most organisations miss some roles); prefer
    /// ``KrippendorffAlpha`` there.
    ///
    /// - Parameters:
    ///   - ratings: targets × judges, `ratings[i][j]` the rating of target i by judge j, finite, no
    ///     missing cells; n ≥ 2 targets, k ≥ 2 judges.
    ///   - confidenceLevel: level of the intervals, in (0, 1); default 0.95.
    /// - Throws: `.noData`, `.tooFew(2, "targets")`, `.tooFew(2, "judges")`, `.shape` (ragged rows,
    ///   bad level), `.nonFinite`, `.zeroVariance` when the targets do not differ (BMS = 0).
    ///   SS_rows, SS_columns and SS_error at the rounding level of the ratings are taken as 0
    ///   (``RoundingNoise``, scale Σ x²): equal row means give BMS = 0 (not available) and an
    ///   exactly additive matrix gives EMS = 0 (F and its interval nil), rather than numbers built
    ///   from noise of about 1e-32.
    public static func shroutFleiss(_ ratings: [[Double]], confidenceLevel: Double = 0.95) throws(StatisticError) -> ShroutFleissResult {
        guard let first = ratings.first, !first.isEmpty else { throw .noData }
        let n = ratings.count, k = first.count
        guard n >= 2 else { throw .tooFew(2, "targets") }
        guard k >= 2 else { throw .tooFew(2, "judges") }
        guard confidenceLevel > 0, confidenceLevel < 1 else { throw .shape("confidence level must lie in (0, 1)") }
        var rowMeans = [Double](repeating: 0, count: n), columnMeans = [Double](repeating: 0, count: k)
        var grand = 0.0, squaredValues = 0.0
        for (i, row) in ratings.enumerated() {
            guard row.count == k else { throw .shape("row \(i) has \(row.count) ratings, expected \(k)") }
            for (j, x) in row.enumerated() {
                guard x.isFinite else { throw .nonFinite }
                rowMeans[i] += x; columnMeans[j] += x; grand += x
                squaredValues += x * x
            }
        }
        let nd = Double(n), kd = Double(k)
        grand /= nd * kd
        for i in 0..<n { rowMeans[i] /= kd }
        for j in 0..<k { columnMeans[j] /= nd }
        var ssRows = 0.0, ssColumns = 0.0, ssError = 0.0
        for i in 0..<n { ssRows += kd * (rowMeans[i] - grand) * (rowMeans[i] - grand) }
        for j in 0..<k { ssColumns += nd * (columnMeans[j] - grand) * (columnMeans[j] - grand) }
        for i in 0..<n {
            for j in 0..<k {
                let e = ratings[i][j] - rowMeans[i] - columnMeans[j] + grand
                ssError += e * e
            }
        }
        ssRows = RoundingNoise.removed(from: ssRows, sumOfSquaredValues: squaredValues)
        ssColumns = RoundingNoise.removed(from: ssColumns, sumOfSquaredValues: squaredValues)
        ssError = RoundingNoise.removed(from: ssError, sumOfSquaredValues: squaredValues)
        let bms = ssRows / (nd - 1), jms = ssColumns / (kd - 1)
        let ems = ssError / ((nd - 1) * (kd - 1)), wms = (ssColumns + ssError) / (nd * (kd - 1))
        guard bms > 0 else { throw .zeroVariance }

        let df1 = n - 1, dfOneWay = n * (k - 1), dfTwoWay = (n - 1) * (k - 1)
        let alpha = 1 - confidenceLevel
        let upperQuantile = { (d1: Double, d2: Double) in FDistribution.quantile(1 - alpha / 2, numerator: d1, denominator: d2) }

        let icc11 = (bms - wms) / (bms + (kd - 1) * wms)
        let icc21 = (bms - ems) / (bms + (kd - 1) * ems + kd * (jms - ems) / nd)
        let icc31 = (bms - ems) / (bms + (kd - 1) * ems)
        let icc1k = (bms - wms) / bms
        let icc2k = (bms - ems) / (bms + (jms - ems) / nd)
        let icc3k = (bms - ems) / bms

        // The F test and the single/average-judge intervals of the forms whose error mean square
        // is `errorMS` on `df2` degrees of freedom (Shrout & Fleiss 1979, Table 4): WMS for the
        // one-way forms ICC(1,·), EMS for the consistency forms ICC(3,·). nil when errorMS = 0.
        struct FTest { var f: Double, p: Double, lower: Double, upper: Double, lowerK: Double, upperK: Double }
        func fTest(errorMS: Double, df2: Int) -> FTest? {
            guard errorMS > 0 else { return nil }
            let f = bms / errorMS
            let p = FDistribution.survival(f, numerator: Double(df1), denominator: Double(df2))
            let fl = f / upperQuantile(Double(df1), Double(df2))
            let fu = f * upperQuantile(Double(df2), Double(df1))
            return FTest(f: f, p: p, lower: (fl - 1) / (fl + kd - 1), upper: (fu - 1) / (fu + kd - 1),
                         lowerK: 1 - 1 / fl, upperK: 1 - 1 / fu)
        }
        let oneWay = fTest(errorMS: wms, df2: dfOneWay)
        let twoWay = fTest(errorMS: ems, df2: dfTwoWay)
        // Absolute agreement: Satterthwaite df (McGraw & Wong 1996, Table 7).
        var l2: Double? = nil, u2: Double? = nil, l2k: Double? = nil, u2k: Double? = nil
        if ems > 0 {
            let fj = jms / ems
            let common = nd * (1 + (kd - 1) * icc21) - kd * icc21
            let vn = Double(dfTwoWay) * pow2(kd * icc21 * fj + common)
            let vd = Double(df1) * kd * kd * icc21 * icc21 * fj * fj + pow2(common)
            let v = vn / vd
            if v.isFinite, v > 0 {
                let fu2 = upperQuantile(Double(df1), v)
                let fl2 = upperQuantile(v, Double(df1))
                let lower = nd * (bms - fu2 * ems) / (fu2 * (kd * jms + (kd * nd - kd - nd) * ems) + nd * bms)
                let upper = nd * (fl2 * bms - ems) / (kd * jms + (kd * nd - kd - nd) * ems + nd * fl2 * bms)
                l2 = lower; u2 = upper
                l2k = lower * kd / (1 + lower * (kd - 1)); u2k = upper * kd / (1 + upper * (kd - 1))
            }
        }
        func form(_ value: Double, _ test: FTest?, _ df2: Int, _ l: Double?, _ u: Double?) -> Form {
            Form(value: value, f: test?.f, df1: df1, df2: df2, pValue: test?.p, lower: l, upper: u)
        }
        return ShroutFleissResult(
            targets: n, judges: k, bms: bms, jms: jms, ems: ems, wms: wms,
            icc11: form(icc11, oneWay, dfOneWay, oneWay?.lower, oneWay?.upper),
            icc21: form(icc21, twoWay, dfTwoWay, l2, u2),
            icc31: form(icc31, twoWay, dfTwoWay, twoWay?.lower, twoWay?.upper),
            icc1k: form(icc1k, oneWay, dfOneWay, oneWay?.lowerK, oneWay?.upperK),
            icc2k: form(icc2k, twoWay, dfTwoWay, l2k, u2k),
            icc3k: form(icc3k, twoWay, dfTwoWay, twoWay?.lowerK, twoWay?.upperK))
    }

    private static func pow2(_ x: Double) -> Double { x * x }
}
