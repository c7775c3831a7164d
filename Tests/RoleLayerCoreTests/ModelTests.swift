import Testing
@testable import RoleLayerCore

/// The domain values: waves, codes and the default instrument.
struct ModelTests {
    /// Quarter, month and year spellings parse to their canonical form; others are rejected.
    @Test func waveParsing() {
        #expect(Wave(parsing: "2026-Q1")?.description == "2026-Q1")
        #expect(Wave(parsing: " 2026q1 ")?.description == "2026-Q1")
        #expect(Wave(parsing: "2026Q4")?.description == "2026-Q4")
        #expect(Wave(parsing: "2026-03")?.description == "2026-03")
        #expect(Wave(parsing: "2026")?.description == "2026")
        for bad in ["2026-Q01", "Q1 2026", "2026-3", "2026-13", "2026-Q5", "26", "", "2026-", "２０２６"] {
            #expect(Wave(parsing: bad) == nil, "\(bad) should be rejected")
        }
    }

    /// Waves order chronologically, across years and within a year.
    @Test func waveOrder() {
        let ws = ["2026-Q2", "2025-Q4", "2026-Q1"].compactMap { Wave(parsing: $0) }
        #expect(ws.sorted().map(\.description) == ["2025-Q4", "2026-Q1", "2026-Q2"])
        #expect(Wave(parsing: "2025-Q4")!.next.description == "2026-Q1")
        #expect(Wave(parsing: "2025-12")!.next.description == "2026-01")
    }

    /// Codes, labels and aliases resolve after normalising case, spaces and hyphens.
    @Test func codeNormalising() {
        let i = Instrument.default
        #expect(i.direction(named: "Slow down") == .slowDown)
        #expect(i.direction(named: "slow-down") == .slowDown)
        #expect(i.direction(named: " SLOW  DOWN ") == .slowDown)
        #expect(i.blocker(named: "ROI uncertainty") == .roiUncertainty)
        #expect(i.stage(named: "Piloting") == .piloting)
        #expect(i.role(named: "Chief Legal Officer") == .gc)
        #expect(i.role(named: "clo") == .gc)
        #expect(i.role(named: "CPO (People)") == .chro)
        #expect(i.role(named: "Chief Digital Officer") == nil)
        #expect(i.ownership(named: "Shared") == .shared)
        #expect(i.ownership(named: "CTO") == .role(.cto))
    }

    /// The default instrument passes its own validation and has the spec's list sizes.
    @Test func defaultInstrumentIsValid() throws {
        try Instrument.default.validate()
        #expect(Instrument.default.roles.count == 10)
        #expect(Instrument.default.stages.count == 7)
        #expect(Instrument.default.blockers.count == 14)
        #expect(Instrument.default.priorities.count == 8)
        #expect(abs(Instrument.default.settings.stageStep - 50.0 / 6.0) < 1e-12)
    }

    /// Validation names each broken entry: a colliding alias and a bad code.
    @Test func instrumentValidationReportsProblems() {
        var i = Instrument.default
        i.roles = CodeList(i.roles.entries + [CodeDefinition(code: "Bad Code", label: "Bad", aliases: ["CTO"])])
        #expect(throws: InstrumentError.self) { try i.validate() }
        do { try i.validate() } catch {
            #expect(error.problems.contains { $0.contains("roles[10]") && $0.contains("code must be") })
            #expect(error.problems.contains { $0.contains("'CTO' also names 'cto'") })
        }
    }

    /// A code repeated within one list is rejected (not only colliding aliases).
    @Test func instrumentRejectsRepeatedCodes() {
        var i = Instrument.default
        i.roles = CodeList(i.roles.entries + [CodeDefinition(code: "ceo", label: "Chief Executive Officer")])
        do {
            try i.validate()
            Issue.record("a repeated code must be rejected")
        } catch {
            #expect(error.problems.contains { $0.contains("roles[10] 'ceo': code appears more than once") })
        }
    }

    /// The generator is reproducible per seed and stream, and streams differ.
    @Test func randomGeneratorStreams() {
        var a = RandomGenerator(seed: 42, stream: 3)
        var b = RandomGenerator(seed: 42, stream: 3)
        var c = RandomGenerator(seed: 42, stream: 4)
        let xa = (0..<5).map { _ in a.next() }
        #expect(xa == (0..<5).map { _ in b.next() })
        #expect(xa != (0..<5).map { _ in c.next() })
        var g = RandomGenerator(seed: 1)
        for _ in 0..<1000 {
            let u = g.nextDouble()
            #expect(u >= 0 && u < 1)
            let k = g.nextInt(below: 7)
            #expect((0..<7).contains(k))
        }
    }
}
