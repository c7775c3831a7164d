import Foundation
import RoleLayerCore
@testable import RoleLayerStore

/// A fresh temporary directory for one test, removed by the caller with `cleanUp()`.
struct TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rolelayer-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// Deterministic sample responses (own tiny generator; the simulator lives elsewhere).
enum SampleResponses {
    static let roles: [Role] = [.ceo, .cfo, .coo, .cto, .cio, .cdao, .ciso, .cmo, .chro, .gc]
    static let blockers: [Blocker] = ["roi_uncertainty", "security_risk", "data_readiness", "skills_gap", "other"]
    static let priorities: [Priority] = ["cost_efficiency", "revenue_growth", "productivity", "talent"]

    /// `count` responses in wave `wave`, respondent ids `r<idOffset+i>`, every field exercised
    /// (including `nil` vs `[]` sets), at rows 2, 3, ... as in a file with a header.
    static func make(count: Int, wave: Wave = Wave(parsing: "2026-Q1")!, seed: UInt64 = 7, idOffset: Int = 0) -> [(response: Response, row: Int)] {
        var g = RandomGenerator(seed: seed)
        return (0..<count).map { i in
            let role = roles[g.nextInt(below: roles.count)]
            let k = g.nextInt(below: 4)
            let chosen: [Blocker]? = k == 0 ? nil : k == 1 ? [] : Array(blockers.prefix(k))
            let others = roles.filter { $0 != role }
            var r = Response(
                respondentID: "r\(idOffset + i)", organisationID: i % 7 == 0 ? nil : "org\(i % 50)",
                wave: wave, role: role, stage: Stage(g.nextInt(below: 7))!)
            r.confidence = g.nextInt(below: 8) == 0 ? nil : 1 + g.nextInt(below: 7)
            r.preparedness = 1 + g.nextInt(below: 7)
            r.blockers = chosen
            r.primaryBlocker = chosen?.first
            r.priorities = g.nextInt(below: 3) == 0 ? [] : Array(priorities.prefix(1 + g.nextInt(below: 3)))
            r.ownership = [Ownership.shared, .unclear, .role(.cto)][g.nextInt(below: 3)]
            r.direction = Direction(g.nextInt(below: 5) - 2)
            r.influences = g.nextInt(below: 4) == 0 ? nil : [others[0], others[3]]
            r.signoff = g.nextInt(below: 4) == 0 ? [] : [.ceo, .cfo]
            r.orgStage = g.nextInt(below: 2) == 0 ? nil : Stage(g.nextInt(below: 7))
            r.sector = "sector \(g.nextInt(below: 5))"
            r.sizeBand = i % 3 == 0 ? nil : "250-999"
            r.region = "NA"
            r.weight = 0.5 + g.nextDouble()
            r.comment = i % 11 == 0 ? "free text; with \"quotes\"\nand a line break" : nil
            return (r, i + 2)
        }
    }

    /// The same records with every stage moved up one step (mod 7): changed values, same keys.
    static func restaged(_ records: [(response: Response, row: Int)]) -> [(response: Response, row: Int)] {
        records.map { record in
            var r = record.response
            r.stage = Stage((r.stage.value + 1) % 7)!
            return (r, record.row)
        }
    }
}

/// Failure thrown by the test hook.
struct InjectedFailure: Error {}
