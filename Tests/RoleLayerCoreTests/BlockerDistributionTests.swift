import Foundation
import Testing
@testable import RoleLayerCore

/// The blocker distribution (constructs.md §3).
///
/// Expected values from a short script run by hand with scipy 1.17: `chi2_contingency(t,
/// correction=False)` on the 2 × 3 table (cites / does not cite × cfo, cto, ciso); adjusted
/// residuals (O − E)/√(E(1 − R/n)(1 − C/n)); `false_discovery_control(p, method="bh")` over the six
/// blockers with a test; Wilson with z = `norm.ppf(0.975)`; `jensenshannon(p, q, base=2)**2`.
/// ```
/// security_risk  cell share 0.3181818181818182 (n 21); ciso 0.8333333333333334 [0.43649717781352987, 0.9699466302516935]
///                lift ciso 2.619047619047619; chi2 9.847979797979798, p 0.007270066073308561, V 0.7611129543588976
///                residuals cfo -2.2489667048823607, cto -0.8517658425324713, ciso 3.0610935705343243; BH 0.037899540811433624
/// roi_uncertainty cfo 0.7142857142857143 (weighted) [0.33626836613894523, 0.9250169390458414], lift 2.2448979591836737
///                chi2 6.724444444444445, p 0.03465815518299325, BH 0.0693163103659865, residual cfo 2.489777078171839
/// integration_complexity chi2 8.742857142857142, BH 0.037899540811433624, residual cto 2.956832281827487
/// joint observed Σ X² 29.27980158730159
/// JSD cfo-cto 0.48004286506932115, cfo-ciso 0.8333333333333334, cto-ciso 0.8177611278958913
/// shared-constraint index 0.28962089123381807
/// ```
struct BlockerDistributionTests {
    typealias F = CohortFixture

    static func r(_ id: String, _ org: String, _ role: Role, _ blockers: [Blocker]?, _ primary: Blocker?, weight: Double = 1) -> Response {
        F.response(id, org: org, role: role, stage: 2, weight: weight, blockers: blockers, primary: primary)
    }

    /// cfo, cto, ciso: six respondents each in three organisations (one cto did not answer);
    /// cmo: four respondents (suppressed).
    static let responses: [Response] = [
        r("1", "o1", .cfo, [.roiUncertainty, .dataReadiness], .roiUncertainty),
        r("2", "o1", .cfo, [.roiUncertainty], .roiUncertainty, weight: 2),
        r("3", "o2", .cfo, [.roiUncertainty, .budgetConstraints], .budgetConstraints),
        r("4", "o2", .cfo, [.dataReadiness], .dataReadiness),
        r("5", "o3", .cfo, [.roiUncertainty], .roiUncertainty),
        r("6", "o3", .cfo, [], nil),
        r("7", "o1", .cto, [.dataReadiness, .integrationComplexity], .integrationComplexity),
        r("8", "o1", .cto, nil, nil),
        r("9", "o2", .cto, [.integrationComplexity], .integrationComplexity),
        r("10", "o2", .cto, [.dataReadiness], .dataReadiness),
        r("11", "o3", .cto, [.integrationComplexity, .securityRisk], .integrationComplexity),
        r("12", "o3", .cto, [.roiUncertainty], .roiUncertainty),
        r("13", "o1", .ciso, [.securityRisk], .securityRisk),
        r("14", "o1", .ciso, [.securityRisk, .dataReadiness], .securityRisk),
        r("15", "o2", .ciso, [.securityRisk], .securityRisk),
        r("16", "o2", .ciso, [.securityRisk, .governanceGaps], .governanceGaps),
        r("17", "o3", .ciso, [.securityRisk], .securityRisk),
        r("18", "o3", .ciso, [.dataReadiness], .dataReadiness),
        r("19", "o1", .cmo, [.roiUncertainty], .roiUncertainty),
        r("20", "o2", .cmo, [.dataReadiness], .dataReadiness),
        r("21", "o3", .cmo, [], nil),
        r("22", "o3", .cmo, [.securityRisk], .securityRisk),
    ]

    static func compute(_ responses: [Response] = responses, settings: AnalysisSettings = F.settings()) -> BlockerDistributionResult {
        let table = ResponseTable(responses: responses, instrument: .default)
        return BlockerDistribution.compute(table: table, cell: Cell(table: table, waveIndex: 0), settings: settings)
    }

    static func blocker(_ result: BlockerDistributionResult, _ b: Blocker) -> BlockerDistributionResult.BlockerFigures {
        result.blockers[Instrument.default.index(of: b)!]
    }

    static func role(_ figures: BlockerDistributionResult.BlockerFigures, _ role: Role) -> BlockerDistributionResult.RoleShare {
        figures.roles[F.index(role)]
    }

    /// Shares with Wilson intervals (weighted share, unweighted n) and lifts.
    @Test func sharesAndLift() {
        let result = Self.compute()
        #expect(result.respondents == 21 && result.organisations == 3)
        #expect(result.rolesTested == [.cfo, .cto, .ciso])
        let security = Self.blocker(result, .securityRisk)
        expectRelative(security.cellShare.value, 0.3181818181818182)
        expectRelative(security.cellShare.lower, 0.16099219964276038)
        expectRelative(security.cellShare.upper, 0.5316038072390022)
        let ciso = Self.role(security, .ciso)
        expectRelative(ciso.share.value, 0.8333333333333334)
        #expect(ciso.share.n == 6)
        #expect(ciso.share.organisations == 3)
        expectRelative(ciso.share.lower, 0.43649717781352987)
        expectRelative(ciso.share.upper, 0.9699466302516935)
        expectRelative(ciso.lift.value, 2.619047619047619)
        let roi = Self.role(Self.blocker(result, .roiUncertainty), .cfo)
        expectRelative(roi.share.value, 0.7142857142857143)
        expectRelative(roi.share.lower, 0.33626836613894523)
        expectRelative(roi.share.upper, 0.9250169390458414)
        expectRelative(roi.lift.value, 2.2448979591836737)
        let cto = Self.role(security, .cto)
        #expect(cto.share.n == 5)  // one cto did not answer the question
        #expect(abs(Self.role(security, .cfo).share.lower ?? 1) < 1e-12)
    }

    /// Per-blocker chi-square, Cramér's V, BH and the residual marks.
    @Test func testsAndConcentrations() {
        let result = Self.compute()
        #expect(abs(result.residualThreshold - 1.959963984540054) < 1e-9)
        let security = Self.blocker(result, .securityRisk)
        expectRelative(security.test.chiSquare, 9.847979797979798)
        expectRelative(security.test.pValue, 0.007270066073308561, 1e-7)
        #expect(security.test.degreesOfFreedom == 2 && security.test.n == 17)
        expectRelative(security.test.cramersV, 0.7611129543588976)
        expectRelative(security.test.adjustedPValue, 0.037899540811433624, 1e-7)
        #expect(security.test.survivesAdjustment && security.test.hasSmallExpected == true)
        expectRelative(Self.role(security, .ciso).adjustedResidual, 3.0610935705343243)
        #expect(Self.role(security, .ciso).marked && Self.role(security, .ciso).concentrated)
        expectRelative(Self.role(security, .cfo).adjustedResidual, -2.2489667048823607)
        #expect(Self.role(security, .cfo).marked && !Self.role(security, .cfo).concentrated)
        #expect(!Self.role(security, .cto).marked)
        let integration = Self.blocker(result, .integrationComplexity)
        #expect(Self.role(integration, .cto).concentrated)
        // roi_uncertainty: |z| = 2.49 for cfo, but the test does not survive BH (0.069).
        let roi = Self.blocker(result, .roiUncertainty)
        expectRelative(roi.test.adjustedPValue, 0.0693163103659865, 1e-7)
        #expect(!roi.test.survivesAdjustment && !Self.role(roi, .cfo).marked)
        // A blocker nobody cites has no test.
        let vendor = Self.blocker(result, .vendorMaturity)
        #expect(vendor.test.chiSquare == nil && vendor.test.reason?.hasPrefix("not available") == true)
        #expect(Self.role(vendor, .cfo).lift.reason == "not available: no respondent in the cell cites the blocker")
    }

    /// The joint permutation test: observed Σ X², a valid p-value, seeded.
    @Test func jointTest() {
        let result = Self.compute()
        expectRelative(result.jointTest.statistic, 29.27980158730159)
        #expect(result.jointTest.n == 17 && result.jointTest.permutations == 999)
        let p = result.jointTest.pValue ?? 0
        #expect(p > 0 && p <= 1 && p < 0.05)
        var none = F.settings()
        none.permutations = 0
        #expect(Self.compute(settings: none).jointTest.reason == "not available: permutation test disabled (0 permutations)")
    }

    /// Primary-blocker profiles, pairwise JSD and the shared-constraint index.
    @Test func profiles() {
        let result = Self.compute()
        let cfo = result.primaryBlockerProfiles[F.index(.cfo)]
        #expect(cfo.n == 5)
        expectRelative(cfo.shares?[0], 2.0 / 3)
        expectRelative(cfo.shares?[12], 1.0 / 6)
        #expect(result.primaryBlockerProfiles[F.index(.cmo)].reason == "suppressed")
        #expect(result.profileDivergences.map(\.first) == [.cfo, .cfo, .cto])
        #expect(result.profileDivergences.map(\.second) == [.cto, .ciso, .ciso])
        expectRelative(result.profileDivergences[0].divergence.value, 0.48004286506932115)
        expectRelative(result.profileDivergences[1].divergence.value, 0.8333333333333334)
        expectRelative(result.profileDivergences[2].divergence.value, 0.8177611278958913)
        expectRelative(result.sharedConstraintIndex.value, 0.28962089123381807)
        #expect(result.sharedConstraintIndex.n == 16 && result.sharedConstraintIndex.organisations == 3)
        #expect(result.sharedConstraintIndex.lower != nil)
    }

    /// A role with four answering respondents is suppressed with its reason and not tested.
    @Test func anonymity() {
        let result = Self.compute()
        let cmo = Self.role(Self.blocker(result, .securityRisk), .cmo)
        #expect(cmo.share.value == nil && cmo.share.reason == "suppressed" && cmo.share.n == 4)
        #expect(cmo.lift.reason == "suppressed" && cmo.adjustedResidual == nil && !cmo.marked)
    }

    /// Without organisations every figure is computed with each respondent as its own cluster.
    @Test func noOrganisations() {
        let result = Self.compute(Self.responses.map { var x = $0; x.organisationID = nil; return x })
        #expect(result.organisations == 21)
        #expect(result.rolesTested == [.cfo, .cto, .ciso])
        #expect(result.sharedConstraintIndex.value != nil && result.jointTest.pValue != nil)
    }

    /// Same seed, same result (permutation test and bootstrap included).
    @Test func deterministic() {
        #expect(Self.compute(settings: F.settings(seed: 11)) == Self.compute(settings: F.settings(seed: 11)))
        #expect(Self.compute(settings: F.settings(seed: 11)) != Self.compute(settings: F.settings(seed: 12)))
    }

    /// An empty cell: no tests, no index, nothing crashes.
    @Test func emptyCell() {
        let table = ResponseTable(responses: Self.responses, instrument: .default)
        let cell = Cell(table: table, waveIndex: 0, filter: SegmentFilter(values: [.sector: "none"]))
        let r = BlockerDistribution.compute(table: table, cell: cell, settings: F.settings())
        #expect(r.respondents == 0 && r.rolesTested.isEmpty && r.jointTest.pValue == nil)
        #expect(r.sharedConstraintIndex.value == nil && r.blockers.allSatisfy { $0.cellShare.value == nil })
    }

    /// The result encodes to JSON and decodes to the same value.
    @Test func codableRoundTrip() throws {
        let result = Self.compute()
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(BlockerDistributionResult.self, from: data) == result)
    }
}
