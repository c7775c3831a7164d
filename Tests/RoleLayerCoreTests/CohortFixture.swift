import Testing
@testable import RoleLayerCore

/// Small hand-made cohorts and tolerances shared by the construct tests (RSI, gradient, blockers,
/// lead-lag).
enum CohortFixture {
    static let q1 = Wave(parsing: "2026-Q1")!
    static let q2 = Wave(parsing: "2026-Q2")!
    static let q3 = Wave(parsing: "2026-Q3")!
    static let q4 = Wave(parsing: "2026-Q4")!

    /// One response; every optional answer defaults to "not answered".
    static func response(_ id: String, org: String?, wave: Wave = q1, role: Role, stage: Int,
                         c: Int? = nil, p: Int? = nil, weight: Double = 1, blockers: [Blocker]? = nil,
                         primary: Blocker? = nil, orgStage: Int? = nil) -> Response {
        Response(respondentID: id, organisationID: org, wave: wave, role: role, stage: Stage(stage)!,
                 confidence: c, preparedness: p, blockers: blockers, primaryBlocker: primary,
                 orgStage: orgStage.flatMap { Stage($0) }, weight: weight)
    }

    /// Default settings with B replicates and the given anonymity thresholds.
    static func settings(bootstrap: Int = 200, kResp: Int = 5, kOrg: Int = 3, seed: UInt64 = 20260101) -> AnalysisSettings {
        var s = AnalysisSettings()
        s.bootstrapReplicates = bootstrap
        s.minimumRespondents = kResp
        s.minimumOrganisations = kOrg
        s.seed = seed
        return s
    }

    /// The index of a role in the default instrument.
    static func index(_ role: Role) -> Int { Instrument.default.index(of: role)! }

    /// Position x of a respondent under the default weights.
    static func x(_ s: Int, _ c: Int? = nil, _ p: Int? = nil) -> Double {
        Position.of(stage: s, confidence: c, preparedness: p, settings: AnalysisSettings())
    }
}
