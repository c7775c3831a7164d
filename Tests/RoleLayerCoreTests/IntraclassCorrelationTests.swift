import Testing
@testable import RoleLayerCore

/// Intraclass correlations: oracles O1, O2 and O12, group-size rules and edge cases.
struct IntraclassCorrelationTests {
    /// O1: Shrout & Fleiss 1979, 6 targets × 4 judges.
    static let shroutFleissTable: [[Double]] = [
        [9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7],
    ]

    /// O1: mean squares, the six ICCs at [calc] precision and [pub] two decimals, and both F statistics.
    @Test func o1ShroutFleiss() throws {
        let r = try IntraclassCorrelation.shroutFleiss(Self.shroutFleissTable)
        #expect(abs(r.bms - 11.241667) < 5e-7 && abs(r.jms - 32.486111) < 5e-7)
        #expect(abs(r.ems - 1.019444) < 5e-7 && abs(r.wms - 6.263889) < 5e-7)
        let calc = [0.165742, 0.289764, 0.714841, 0.442797, 0.620051, 0.909316]
        let published = [0.17, 0.29, 0.71, 0.44, 0.62, 0.91]
        let forms = [r.icc11, r.icc21, r.icc31, r.icc1k, r.icc2k, r.icc3k]
        for (form, (c, p)) in zip(forms, zip(calc, published)) {
            #expect(abs(form.value - c) < 5e-7)
            #expect(abs(form.value - p) < 5e-3)
        }
        #expect(abs(try #require(r.icc11.f) - 1.794678) < 5e-7)
        #expect(abs(try #require(r.icc31.f) - 11.027248) < 5e-7)
        #expect(r.icc11.df2 == 18 && r.icc31.df2 == 15 && r.icc31.df1 == 5)
    }

    /// O2 (pingouin `intraclass_corr` docstring, wines): ICCs, F with df, and the 95% intervals to two decimals.
    @Test func o2PingouinWines() throws {
        let wines: [[Double]] = [
            [1, 2, 0, 1], [1, 3, 3, 2], [3, 8, 1, 4], [6, 4, 3, 3],
            [6, 5, 5, 6], [7, 5, 6, 2], [8, 7, 7, 9], [9, 9, 9, 8],
        ]
        let r = try IntraclassCorrelation.shroutFleiss(wines)
        let forms = [r.icc11, r.icc21, r.icc31, r.icc1k, r.icc2k, r.icc3k]
        let calc = [0.727521, 0.727689, 0.729487, 0.914384, 0.914450, 0.915159]
        let published = [0.728, 0.728, 0.729, 0.914, 0.914, 0.915]
        let fs = [11.680, 11.787, 11.787, 11.680, 11.787, 11.787]
        let df2 = [24, 21, 21, 24, 21, 21]
        let intervals = [(0.43, 0.93), (0.43, 0.93), (0.43, 0.93), (0.75, 0.98), (0.75, 0.98), (0.75, 0.98)]
        for i in 0..<6 {
            #expect(abs(forms[i].value - calc[i]) < 5e-7)
            #expect(abs(forms[i].value - published[i]) < 5e-4)
            #expect(abs(try #require(forms[i].f) - fs[i]) < 5e-4)
            #expect(forms[i].df1 == 7 && forms[i].df2 == df2[i])
            #expect(abs(try #require(forms[i].lower) - intervals[i].0) < 5e-3, "form \(i) lower")
            #expect(abs(try #require(forms[i].upper) - intervals[i].1) < 5e-3, "form \(i) upper")
            #expect(try #require(forms[i].pValue) < 1e-4)
        }
        #expect(abs(try #require(r.icc11.f) - 11.680026) < 5e-7)
        #expect(abs(try #require(r.icc21.f) - 11.786693) < 5e-7)
    }

    /// O12: ICC(1) of hair colour groups is 0.549396 with k = N/G = 4.75 and 0.550083 with Searle's n₀ = 4.7368.
    @Test func o12GroupSizeRules() throws {
        let anova = try AnalysisOfVariance.oneWay(values: AnalysisOfVarianceTests.painValues, groups: AnalysisOfVarianceTests.painGroups)
        #expect(abs(IntraclassCorrelation.groupSize(anova, rule: .averageGroupSize) - 4.75) < 1e-12)
        #expect(abs(IntraclassCorrelation.groupSize(anova, rule: .searle) - 4.7368) < 5e-5)
        #expect(abs(try IntraclassCorrelation.icc1(anova) - 0.549396) < 5e-7)
        #expect(abs(try IntraclassCorrelation.icc1(anova, groupSize: .searle) - 0.550083) < 5e-7)
        // ICC(2) = 1 − 1/F.
        #expect(abs(try IntraclassCorrelation.icc2(anova) - (1 - 1 / 6.791407)) < 1e-7)
        #expect(abs(try IntraclassCorrelation.icc1(values: AnalysisOfVarianceTests.painValues, groups: AnalysisOfVarianceTests.painGroups) - 0.549396) < 5e-7)
    }

    /// ICC(1) relates to F as (F − 1)/(F + k − 1) and is negative when groups differ less than chance.
    @Test func icc1FromF() throws {
        let anova = try AnalysisOfVariance.oneWay(values: [1, 3, 2, 2, 1, 3], groups: [0, 0, 1, 1, 2, 2])
        let f = try #require(anova.f)
        #expect(abs(try IntraclassCorrelation.icc1(anova) - (f - 1) / (f + 2 - 1)) < 1e-12)
        #expect(try IntraclassCorrelation.icc1(anova) < 0)
        #expect(throws: StatisticError.zeroVariance) { try IntraclassCorrelation.icc2(anova) }
    }

    /// Judges in perfect agreement give ICC = 1 with no F test; bad shapes and constant targets are "not available".
    @Test func shroutFleissEdgeCases() throws {
        let perfect = try IntraclassCorrelation.shroutFleiss([[1, 1, 1], [3, 3, 3], [2, 2, 2]])
        #expect(perfect.icc11.value == 1 && perfect.icc21.value == 1 && perfect.icc3k.value == 1)
        #expect(perfect.icc11.f == nil && perfect.icc31.lower == nil)
        #expect(throws: StatisticError.noData) { try IntraclassCorrelation.shroutFleiss([]) }
        #expect(throws: StatisticError.tooFew(2, "targets")) { try IntraclassCorrelation.shroutFleiss([[1, 2]]) }
        #expect(throws: StatisticError.tooFew(2, "judges")) { try IntraclassCorrelation.shroutFleiss([[1], [2]]) }
        #expect(throws: StatisticError.self) { try IntraclassCorrelation.shroutFleiss([[1, 2], [2]]) }
        #expect(throws: StatisticError.nonFinite) { try IntraclassCorrelation.shroutFleiss([[1, .nan], [2, 3]]) }
        #expect(throws: StatisticError.zeroVariance) { try IntraclassCorrelation.shroutFleiss([[1, 2], [2, 1]]) }
    }
}
