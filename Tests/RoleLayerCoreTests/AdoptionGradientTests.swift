import Foundation
import Testing
@testable import RoleLayerCore

/// The Organisational Adoption Gradient (constructs.md §2).
///
/// Expected values from a short numpy script run by hand (numpy 2.4): role and group means as
/// weighted means of x; maturity = floor of the median stage of each organisation; the variance
/// decomposition by weighted least squares with dummy coding (`np.linalg.lstsq` on √w-scaled
/// rows): R²(role) = 1 − RSS(role)/SST, Type II SS(role) = RSS(maturity) − RSS(both),
/// LMG_role = ½[R²(role) + R²(both) − R²(maturity)]; quartiles with `np.quantile` (type 7).
/// ```
/// maturity {o1: 3, o2: 2, o3: 3, o4: 1, o5: 2, o6: 3, o7: 1, o8: 1, o9: 2}
/// role means cfo 33.333333333333336, cto 53.64583333333333, cmo 21.666666666666664
/// G_role 31.979166666666664, sd 16.18320048721078
/// group means 1: 15.624999999999998, 2: 32.291666666666664, 3: 51.13636363636363
/// G_stage 35.51136363636363, ratio 0.9005333333333333, gaps 16.666666666666664, 18.84469696969697
/// eta2 role 0.2789628658632024, eta2 maturity 0.36062337255794774, R2 0.6721067467479498
/// partial eta2 role 0.4871672826642889, maturity 0.5452477580858669
/// LMG role 0.2952231200266022, maturity 0.37688362672134756, difference -0.08166050669474534
/// g_o [50, 50, 61.11, 41.67, 62.5, 8.333333333333332, 4.17] -> quartiles 25.0, 49.99999999999999,
///   55.55555555555556, IQR 30.555555555555557, share >= step (with 1e-9) 6/7, mean of org means 34.88095238095238
/// ```
struct AdoptionGradientTests {
    typealias F = CohortFixture

    /// Nine organisations, three roles; o5 and o7 have two roles, o8's gradient is one stage step
    /// minus rounding (8.333333333333332 < 8.333333333333334).
    static let responses: [Response] = [
        F.response("1", org: "o1", role: .cto, stage: 5, c: 6, p: 6),
        F.response("2", org: "o1", role: .cfo, stage: 3),
        F.response("3", org: "o1", role: .cmo, stage: 2, c: 3),
        F.response("4", org: "o2", role: .cto, stage: 4),
        F.response("5", org: "o2", role: .cfo, stage: 2, c: 2, p: 3),
        F.response("6", org: "o2", role: .cmo, stage: 1),
        F.response("7", org: "o3", role: .cto, stage: 6, c: 7, p: 7),
        F.response("8", org: "o3", role: .cfo, stage: 4),
        F.response("9", org: "o3", role: .cmo, stage: 3),
        F.response("10", org: "o3", role: .cmo, stage: 2, weight: 2),
        F.response("11", org: "o4", role: .cto, stage: 3),
        F.response("12", org: "o4", role: .cfo, stage: 1),
        F.response("13", org: "o4", role: .cmo, stage: 1, c: 1, p: 1),
        F.response("14", org: "o5", role: .cto, stage: 2),
        F.response("15", org: "o5", role: .cfo, stage: 2),
        F.response("16", org: "o6", role: .cto, stage: 4, c: 5, p: 4),
        F.response("17", org: "o6", role: .cfo, stage: 3),
        F.response("18", org: "o6", role: .cmo, stage: 0),
        F.response("19", org: "o7", role: .cfo, stage: 1),
        F.response("20", org: "o7", role: .cmo, stage: 1),
        F.response("21", org: "o8", role: .cto, stage: 1, c: 1, p: 1),
        F.response("22", org: "o8", role: .cfo, stage: 1, c: 1, p: 1),
        F.response("23", org: "o8", role: .cmo, stage: 0, c: 1, p: 1),
        F.response("24", org: "o9", role: .cto, stage: 2, c: 2, p: 2),
        F.response("25", org: "o9", role: .cfo, stage: 2, c: 2, p: 3),
        F.response("26", org: "o9", role: .cmo, stage: 2, c: 2, p: 2),
    ]

    static func compute(_ responses: [Response] = responses, settings: AnalysisSettings = F.settings()) -> AdoptionGradientResult {
        let table = ResponseTable(responses: responses, instrument: .default)
        return AdoptionGradient.compute(table: table, cell: Cell(table: table, waveIndex: 0), settings: settings)
    }

    /// Role and stage gradients, gaps and the ratio match the hand computation.
    @Test func gradients() {
        let r = Self.compute()
        #expect(r.rolesCompared == [.cfo, .cto, .cmo])
        expectRelative(r.roleGradient.value, 31.979166666666664)
        #expect(r.roleGradient.n == 26 && r.roleGradient.organisations == 9)
        #expect(r.leadingRole == .cto && r.laggingRole == .cmo)
        expectRelative(r.roleMeansStandardDeviation.value, 16.18320048721078)
        expectRelative(r.maturityGroups[1].mean.value, 15.624999999999998)
        expectRelative(r.maturityGroups[2].mean.value, 32.291666666666664)
        expectRelative(r.maturityGroups[3].mean.value, 51.13636363636363)
        #expect(r.maturityGroups[3].mean.n == 10 && r.maturityGroups[3].mean.organisations == 3)
        #expect(r.maturityGroups[0].mean.reason == "suppressed" && r.maturityGroups[0].mean.n == 0)
        expectRelative(r.stageGradient.value, 35.51136363636363)
        #expect(r.adjacentStageGaps.map(\.fromStage) == [1, 2] && r.adjacentStageGaps.map(\.toStage) == [2, 3])
        expectRelative(r.adjacentStageGaps[0].gap.value, 16.666666666666664)
        expectRelative(r.adjacentStageGaps[1].gap.value, 18.84469696969697)
        expectRelative(r.gradientRatio.value, 0.9005333333333333)
        #expect(r.roleGradient.lower != nil && r.gradientRatio.lower != nil && r.stageGradient.upper != nil)
    }

    /// The bias-corrected range is 2·G − the mean of the replicates.
    @Test func biasCorrection() {
        let settings = F.settings(bootstrap: 250)
        let r = Self.compute(settings: settings)
        let table = ResponseTable(responses: Self.responses, instrument: .default)
        let cell = Cell(table: table, waveIndex: 0)
        let roles = [F.index(.cfo), F.index(.cto), F.index(.cmo)].map { Int16($0) }
        let naive = ClusterBootstrap(settings: settings).run(clusterCount: cell.clusterCount, statisticCount: 1) { m, out in
            var s = [0.0, 0, 0], w = [0.0, 0, 0]
            for k in 0..<cell.count {
                let i = Int(cell.rows[k])
                guard let j = roles.firstIndex(of: table.role[i]) else { continue }
                let mult = Double(m[Int(cell.localCluster[k])])
                s[j] += mult * table.weight[i] * table.position[i]
                w[j] += mult * table.weight[i]
            }
            guard w.allSatisfy({ $0 > 0 }) else { return }
            let means = (0..<3).map { s[$0] / w[$0] }
            out[0] = means.max()! - means.min()!
        }[0]
        expectRelative(r.roleGradient.lower, naive.lower!, 1e-12)
        expectRelative(r.roleGradient.upper, naive.upper!, 1e-12)
        expectRelative(r.roleGradientBiasCorrected.value, 2 * 31.979166666666664 - naive.replicateMean!, 1e-9)
    }

    /// Eta-squared, Type II partial eta-squared and LMG shares match the least-squares computation.
    @Test func varianceDecomposition() {
        let d = Self.compute().varianceDecomposition
        expectRelative(d.etaSquaredRole.value, 0.2789628658632024)
        expectRelative(d.etaSquaredMaturity.value, 0.36062337255794774)
        expectRelative(d.rSquared.value, 0.6721067467479498)
        expectRelative(d.partialEtaSquaredRole.value, 0.4871672826642889)
        expectRelative(d.partialEtaSquaredMaturity.value, 0.5452477580858669)
        expectRelative(d.lmgRole.value, 0.2952231200266022)
        expectRelative(d.lmgMaturity.value, 0.37688362672134756)
        expectRelative(d.lmgDifference.value, -0.08166050669474534)
        #expect(d.lmgDifference.n == 26 && d.lmgDifference.lower != nil)
    }

    /// The replicate path (cell means + within-cell SS) reproduces the respondent-level fit.
    @Test func decompositionReplicateMatchesFullFit() {
        let table = ResponseTable(responses: Self.responses, instrument: .default)
        let cell = Cell(table: table, waveIndex: 0)
        let input = AdoptionGradient.DecompositionInput(
            table: table, cell: cell, positions: table.position,
            passingRoles: [F.index(.cfo), F.index(.cto), F.index(.cmo)])
        var out = [Double?](repeating: nil, count: 8)
        let acc = input.totals.totals()  // every cluster once
        input.replicate(acc, squares: input.clusterSquares.reduce(0, +), into: &out, at: 0)
        let expected = [0.2789628658632024, 0.36062337255794774, 0.4871672826642889, 0.5452477580858669,
                        0.6721067467479498, 0.2952231200266022, 0.37688362672134756, -0.08166050669474534]
        for j in 0..<8 { expectRelative(out[j], expected[j], 1e-9) }
    }

    /// Within-organisation gradient: quartiles, share at least one step (with the 1e-9 tolerance),
    /// and the mean of organisation means.
    @Test func withinOrganisation() {
        let w = Self.compute().withinOrganisation
        #expect(w.organisationsIncluded == 7)
        expectRelative(w.median.value, 49.99999999999999)
        expectRelative(w.lowerQuartile, 25.0)
        expectRelative(w.upperQuartile, 55.55555555555556)
        expectRelative(w.interquartileRange.value, 30.555555555555557)
        expectRelative(w.shareAtLeastOneStep.value, 6.0 / 7)
        expectRelative(w.meanOfOrganisationMeans.value, 34.88095238095238)
        #expect(w.median.n == 22 && w.median.organisations == 7)
    }

    /// The within-organisation intervals equal a naive bootstrap that recomputes every g_o from
    /// the resampled respondents.
    @Test func withinOrganisationIntervals() throws {
        let settings = F.settings(bootstrap: 300)
        let w = Self.compute(settings: settings).withinOrganisation
        let table = ResponseTable(responses: Self.responses, instrument: .default)
        let cell = Cell(table: table, waveIndex: 0)
        let naive = ClusterBootstrap(settings: settings).run(clusterCount: cell.clusterCount, statisticCount: 2) { m, out in
            var gradients: [Double] = []
            for c in 0..<cell.clusterCount where m[c] > 0 {
                var s = [Int16: Double](), v = [Int16: Double]()
                for k in 0..<cell.count where cell.localCluster[k] == Int32(c) {
                    let i = Int(cell.rows[k])
                    s[table.role[i], default: 0] += table.weight[i] * table.position[i]
                    v[table.role[i], default: 0] += table.weight[i]
                }
                guard s.count >= 3 else { continue }
                let means = s.keys.map { s[$0]! / v[$0]! }
                for _ in 0..<m[c] { gradients.append(means.max()! - means.min()!) }
            }
            out[0] = try? Quantile.median(gradients)
            let share = Double(gradients.filter { $0 >= settings.stageStep - 1e-9 }.count) / Double(gradients.count)
            out[1] = gradients.isEmpty ? nil : share
        }
        expectRelative(w.median.lower, try #require(naive[0].lower), 1e-12)
        expectRelative(w.median.upper, try #require(naive[0].upper), 1e-12)
        expectRelative(w.shareAtLeastOneStep.lower, try #require(naive[1].lower), 1e-12)
        expectRelative(w.shareAtLeastOneStep.upper, try #require(naive[1].upper), 1e-12)
    }

    /// A role with four respondents is left out of the gradients and the decomposition.
    @Test func anonymity() {
        let extra = (1...4).map { F.response("ceo\($0)", org: "o\($0)", role: .ceo, stage: 6, c: 7, p: 7) }
        let r = Self.compute(Self.responses + extra)
        #expect(r.rolesCompared == [.cfo, .cto, .cmo])
        expectRelative(r.roleGradient.value, 31.979166666666664)
        #expect(r.varianceDecomposition.lmgRole.n == 26)
        // Too few organisations in every maturity group: no stage gradient, no ratio.
        let strict = Self.compute(settings: F.settings(kResp: 5, kOrg: 4))
        #expect(strict.stageGradient.value == nil)
        #expect(strict.stageGradient.reason == "not available: fewer than two maturity groups pass the anonymity rule")
        #expect(strict.gradientRatio.reason == strict.stageGradient.reason)
        #expect(strict.maturityGroups[1].mean.reason == "suppressed")
    }

    /// Without organisations: each respondent is its own cluster and maturity group member; the
    /// within-organisation gradient is not available.
    @Test func noOrganisations() {
        let r = Self.compute(Self.responses.map { var x = $0; x.organisationID = nil; return x })
        expectRelative(r.roleGradient.value, 31.979166666666664)
        #expect(r.roleGradient.organisations == 26)
        #expect(r.stageGradient.value != nil)
        #expect(r.withinOrganisation.median.reason == "not available: no organisation has two or more roles")
        #expect(r.withinOrganisation.shareAtLeastOneStep.value == nil)
    }

    /// B = 0: values without intervals; the bias-corrected range is not available.
    @Test func bootstrapDisabled() {
        let r = Self.compute(settings: F.settings(bootstrap: 0))
        #expect(r.roleGradient.value != nil && r.roleGradient.lower == nil)
        #expect(r.roleGradientBiasCorrected.reason == "not available: bootstrap disabled (B = 0)")
        #expect(r.varianceDecomposition.lmgDifference.intervalReason == "bootstrap disabled (B = 0)")
    }

    /// Same seed, same result.
    @Test func deterministic() {
        #expect(Self.compute(settings: F.settings(seed: 3)) == Self.compute(settings: F.settings(seed: 3)))
        #expect(Self.compute(settings: F.settings(seed: 3)) != Self.compute(settings: F.settings(seed: 4)))
    }

    /// An empty cell: every figure not available, nothing crashes.
    @Test func emptyCell() {
        let table = ResponseTable(responses: Self.responses, instrument: .default)
        let cell = Cell(table: table, waveIndex: 0, filter: SegmentFilter(values: [.sector: "none"]))
        let r = AdoptionGradient.compute(table: table, cell: cell, settings: F.settings())
        #expect(r.roleGradient.value == nil && r.stageGradient.value == nil && r.gradientRatio.value == nil)
        #expect(r.varianceDecomposition.lmgRole.value == nil && r.withinOrganisation.median.value == nil)
    }

    /// The result encodes to JSON and decodes to the same value.
    @Test func codableRoundTrip() throws {
        let result = Self.compute()
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(AdoptionGradientResult.self, from: data) == result)
    }
}
