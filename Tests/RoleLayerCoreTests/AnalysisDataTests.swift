import Testing
@testable import RoleLayerCore

/// The analysis data layer: positions, the columnar table, cells and cluster sums.
struct AnalysisDataTests {
    static let w1 = Wave(parsing: "2026-Q1")!
    static let w2 = Wave(parsing: "2026-Q2")!

    static func response(_ id: String, org: String?, wave: Wave = w1, role: Role, stage: Int, c: Int? = nil, p: Int? = nil, orgStage: Int? = nil, sector: String? = nil) -> Response {
        Response(respondentID: id, organisationID: org, wave: wave, role: role, stage: Stage(stage)!, confidence: c, preparedness: p, orgStage: orgStage.flatMap { Stage($0) }, sector: sector)
    }

    /// x follows constructs.md §1, renormalising the weights over answered components.
    @Test func positionFormula() {
        let s = AnalysisSettings()
        #expect(abs(Position.of(stage: 6, confidence: 7, preparedness: 7, settings: s) - 100) < 1e-12)
        #expect(abs(Position.of(stage: 0, confidence: 1, preparedness: 1, settings: s)) < 1e-12)
        // stage 3, c 4, p missing: (0.5*0.5 + 0.25*0.5) / 0.75 * 100 = 50
        #expect(abs(Position.of(stage: 3, confidence: 4, preparedness: nil, settings: s) - 50) < 1e-12)
        // stage only: 100 * s/6
        #expect(abs(Position.of(stage: 2, confidence: nil, preparedness: nil, settings: s) - 100.0 / 3) < 1e-12)
        // 0.5*4/6 + 0.25*6/6 + 0.25*0/6 = 0.58333
        #expect(abs(Position.of(stage: 4, confidence: 7, preparedness: 1, settings: s) - 58.333333333333336) < 1e-9)
    }

    /// Respondents without an organisation get clusters of their own; waves are sorted.
    @Test func tableClusters() {
        let rs = [
            Self.response("a", org: "o1", wave: Self.w2, role: .cto, stage: 4),
            Self.response("b", org: "o1", role: .cmo, stage: 1),
            Self.response("c", org: nil, role: .cfo, stage: 2),
            Self.response("d", org: nil, role: .cfo, stage: 3),
        ]
        let t = ResponseTable(responses: rs, instrument: .default)
        #expect(t.waves == [Self.w1, Self.w2])
        #expect(t.clusterCount == 3)
        #expect(t.cluster == [0, 0, 1, 2])
        #expect(t.clusterIsOrganisation == [true, false, false])
        #expect(t.hasOrganisations)
        #expect(t.wave == [1, 0, 0, 0])
        #expect(t.role == [3, 7, 1, 1])
    }

    /// Maturity is the floored median of stages, or of org_stage where given; segments filter rows.
    @Test func cellMaturityAndFilter() {
        let rs = [
            Self.response("a", org: "o1", role: .cto, stage: 4, sector: "Retail"),
            Self.response("b", org: "o1", role: .cmo, stage: 1, sector: "Retail"),
            Self.response("c", org: "o2", role: .cto, stage: 5, orgStage: 2, sector: "Banking"),
            Self.response("d", org: "o2", role: .cfo, stage: 5, orgStage: 3, sector: "Banking"),
            Self.response("e", org: "o3", role: .cfo, stage: 3, sector: "Retail"),
        ]
        let t = ResponseTable(responses: rs, instrument: .default)
        let all = Cell(table: t, waveIndex: 0)
        #expect(all.count == 5)
        #expect(all.maturity == [2, 2, 3])  // o1: median(4,1)=2.5→2; o2: median(2,3)=2.5→2; o3: 3
        #expect(all.maturityConflicts == 1)
        let retail = Cell(table: t, waveIndex: 0, filter: SegmentFilter(values: [.sector: "Retail"]))
        #expect(retail.rows == [0, 1, 4])
        #expect(retail.clusterCount == 2)
        let lower = Cell(table: t, waveIndex: 0, filter: SegmentFilter(values: [.sector: " retail "]))
        #expect(lower.rows == [0, 1, 4], "segment values match ignoring case and surrounding spaces")
        let mature2 = Cell(table: t, waveIndex: 0, filter: SegmentFilter(orgStage: 2))
        #expect(mature2.rows == [0, 1, 2, 3])
    }

    /// Replicate means from cluster sums equal the means of the expanded data.
    @Test func clusterSumsReplicate() {
        var sums = ClusterSums(clusterCount: 3, groupCount: 2)
        sums.add(cluster: 0, group: 0, value: 10, weight: 1)
        sums.add(cluster: 1, group: 0, value: 20, weight: 2)
        sums.add(cluster: 2, group: 1, value: 5, weight: 1)
        #expect(sums.mean(group: 0) == 50.0 / 3)
        #expect(sums.respondents(group: 0) == 2)
        #expect(sums.clusters(group: 1) == 1)
        let m: [Int32] = [2, 0, 1]
        var out: [Double?] = [nil, nil]
        var s = [0.0, 0.0], w = [0.0, 0.0]
        m.withUnsafeBufferPointer { sums.means(multiplicities: $0, into: &out, sums: &s, weights: &w) }
        #expect(out[0] == 10)
        #expect(out[1] == 5)
        let m2: [Int32] = [0, 3, 0]
        m2.withUnsafeBufferPointer { sums.means(multiplicities: $0, into: &out, sums: &s, weights: &w) }
        #expect(out[0] == 20)
        #expect(out[1] == nil)
    }

    /// Huge weights are rescaled so sums stay finite; weighted means are unchanged by the scale.
    @Test func hugeWeightsStayFinite() {
        var rs = [Self.response("a", org: "o1", role: .cto, stage: 4), Self.response("b", org: "o1", role: .cmo, stage: 1)]
        rs[0].weight = 1e308
        let t = ResponseTable(responses: rs + rs.map { var r = $0; r.respondentID += "x"; return r }, instrument: .default)
        #expect(t.weight.allSatisfy { $0.isFinite && $0 > 0 })
        #expect(t.weight.reduce(0, +).isFinite)
        #expect(t.weight[0] == 1)
    }

    /// Responses whose role the instrument lacks are counted, not silently dropped.
    @Test func excludedRolesAreCounted() {
        var two = Instrument.default
        two.roles = CodeList(Array(two.roles.entries.prefix(2)))
        let rs = [Self.response("a", org: "o1", role: .ceo, stage: 4), Self.response("b", org: "o1", role: .cmo, stage: 1)]
        let t = ResponseTable(responses: rs, instrument: two)
        #expect(t.count == 1)
        #expect(t.excludedCount == 1)
        let result = Analysis.run(table: t, request: AnalysisRequest(settings: AnalysisSettings()))
        #expect(result.notes.contains { $0.hasPrefix("1 response(s) left out") })
    }

    /// The anonymity rule needs both thresholds.
    @Test func anonymity() {
        let rule = AnonymityRule(settings: AnalysisSettings())
        #expect(rule.allows(respondents: 5, organisations: 3))
        #expect(!rule.allows(respondents: 4, organisations: 4))
        #expect(!rule.allows(respondents: 9, organisations: 2))
        #expect(rule.minimumPairOrganisations == 5)
    }
}
