import Testing
import RoleLayerCore
import RoleLayerSimulation

/// Recovery of the planted adoption structure by the Role Shift Index, the Adoption Gradient,
/// the blocker distribution and the Lead-Lag Ranking, on the default scenario's panel (1,000
/// organisations, 4 waves; docs/simulation.md).
struct ConstructsARecoveryTests {
    static let table = ResponseTable(responses: Fixture.panel, instrument: .default)
    static let cells = (0..<table.waves.count).map { Cell(table: table, waveIndex: $0) }

    /// Settings without intervals or permutations (point values and classifications only).
    static var pointSettings: AnalysisSettings {
        var s = AnalysisSettings()
        s.bootstrapReplicates = 0
        s.permutations = 0
        return s
    }

    /// RSI per role and wave lies within three points (about a third of a stage step) of the planted
    /// expectation (sampling error and entrants, whose growth spreads more); the observed
    /// leader and laggard are the planted ones in every wave, and the lead-lag mean ranks put the
    /// roles in the planted order.
    @Test func plantedLeaderAndLaggardOrder() {
        let planted = Fixture.planted
        let t = Self.table
        for (w, cell) in Self.cells.enumerated() {
            let rsi = RoleShiftIndex.compute(table: t, cell: cell, settings: Self.pointSettings)
            for (r, figures) in rsi.roles.enumerated() {
                let observed = figures.roleShiftIndex.value ?? .nan
                #expect(abs(observed - planted.expectedRSI[r][w]) < 3, "\(figures.role) in \(rsi.wave)")
            }
            let gradient = AdoptionGradient.compute(table: t, cell: cell, settings: Self.pointSettings)
            #expect(gradient.leadingRole == planted.roleOrder.first, "\(rsi.wave)")
            #expect(gradient.laggingRole == planted.roleOrder.last, "\(rsi.wave)")
        }
        let ranking = LeadLagRanking.compute(table: t, cells: Self.cells, settings: Self.pointSettings)
        let byMeanRank = ranking.roles.sorted { ($0.meanRank ?? .infinity) < ($1.meanRank ?? .infinity) }.map(\.role)
        #expect(byMeanRank == planted.roleOrder)
        #expect(ranking.bestRole == planted.roleOrder.first)
        #expect((ranking.rankStability.kendallW.value ?? 0) > 0.9)
    }

    /// The planted lag (cmo follows cto by two waves) is recovered within half a wave; planted
    /// lags longer than the observed waves can show come out as lower bounds below the truth.
    @Test func plantedLagOfTwoWaves() throws {
        var settings = Self.pointSettings
        settings.bootstrapReplicates = 200
        let ranking = LeadLagRanking.compute(table: Self.table, cells: Self.cells, settings: settings)
        let planted = try #require(Fixture.planted.lags.first)
        #expect(planted.leader == .cto && planted.follower == .cmo && planted.waves == 2)
        let pair = try #require(ranking.pairs.first { $0.leader == planted.leader && $0.follower == planted.follower })
        #expect(pair.isBehind == true)
        let lag = try #require(pair.lag.waves)
        #expect(abs(lag - planted.waves) <= 0.5, "observed lag \(lag)")
        #expect(ranking.bestRole == .cto)
        let simulator = try PanelSimulator()
        for role in ranking.roles where role.role != .cto {
            guard let bound = role.lagBehindBest?.moreThan,
                  let expected = simulator.expectedLag(of: role.role, behind: .cto) else { continue }
            #expect(bound < expected, "\(role.role): more than \(bound), planted \(expected)")
        }
    }

    /// Every planted blocker concentration with a lift of at least 1.5 is flagged as a
    /// concentration (positive adjusted residual in a test surviving BH) in every wave, and most
    /// flags are planted ones.
    @Test func plantedBlockerConcentrationsFlagged() {
        let planted = Fixture.planted.concentrations.filter { $0.lift >= 1.5 }
        #expect(planted.count >= 10)
        let plantedPairs = Set(Fixture.planted.concentrations.map { "\($0.role)/\($0.blocker)" })
        for cell in Self.cells {
            let result = BlockerDistribution.compute(table: Self.table, cell: cell, settings: Self.pointSettings)
            var flagged: Set<String> = []
            for figures in result.blockers {
                for share in figures.roles where share.concentrated { flagged.insert("\(share.role)/\(figures.blocker)") }
            }
            for c in planted { #expect(flagged.contains("\(c.role)/\(c.blocker)"), "\(c.role)/\(c.blocker) in \(result.wave)") }
            #expect(Double(flagged.intersection(plantedPairs).count) >= 0.9 * Double(flagged.count), "\(flagged.subtracting(plantedPairs))")
        }
    }
}
