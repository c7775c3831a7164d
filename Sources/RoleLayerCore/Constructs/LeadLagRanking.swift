/// The Role Lead-Lag Ranking across waves (constructs.md §5 and its settled conventions): who
/// leads, who follows and by how many waves, whether the ranking is stable, and whether the roles
/// converge.
///
/// Waves are indexed by their position in the study's chronological list of waves
/// (``ResponseTable/waves``): a wave in which a role or the segment has no data keeps its index.
/// A role is ranked in the waves where its RSI is published (anonymity rule). Intervals come from a
/// cluster bootstrap over all organisations of the analysed waves, each carrying all its waves.
public struct LeadLagRankingResult: Codable, Sendable, Hashable {
    /// The analysed waves, in chronological order.
    public var waves: [Wave]
    /// Their positions in the study's wave list (the time axis of lags and slopes, in waves).
    public var waveIndices: [Int]
    /// One stage step (stage weight × 100 / 6), the threshold of the projected close.
    public var stageStep: Double
    /// One entry per role of the instrument, in instrument order.
    public var roles: [RoleTrajectory]
    /// Kendall's W of the rankings over the waves, among the roles published in every wave.
    public var rankStability: RankStability
    /// The role with the best (lowest) mean rank over all ranked roles (the first in instrument
    /// order on a tie); `nil` when no role is ranked.
    public var bestRole: Role?
    /// Every ordered pair of ranked roles (leader, follower): the behind test and the lag.
    public var pairs: [LeadLagPair]
    /// Every unordered pair of ranked roles with at least two common waves: the trend of their gap.
    public var convergence: [PairConvergence]
    /// The trend of the standard deviation of the published role RSIs (sigma-convergence).
    public var sigmaConvergence: SigmaConvergence

    /// One role over the analysed waves.
    public struct RoleTrajectory: Codable, Sendable, Hashable {
        /// The role.
        public var role: Role
        /// RSI per analysed wave (0...100), `nil` where not published (suppressed or absent).
        public var roleShiftIndex: [Double?]
        /// Respondents per analysed wave.
        public var respondents: [Int]
        /// Clusters per analysed wave.
        public var organisations: [Int]
        /// Rank per analysed wave among the published roles (1 = most advanced, ties averaged);
        /// `nil` where not published.
        public var ranks: [Double?]
        /// The lead-lag rank: mean of ``ranks`` over the waves where ranked; `nil` when never ranked.
        public var meanRank: Double?
        /// The lag of this role behind ``LeadLagRankingResult/bestRole``; `nil` for the best role
        /// itself and for roles never ranked.
        public var lagBehindBest: Lag?
    }

    /// Rank stability over the waves.
    public struct RankStability: Codable, Sendable, Hashable {
        /// The roles published in every analysed wave (re-ranked among themselves), instrument order.
        public var roles: [Role]
        /// Kendall's W (Kendall & Babington Smith 1939), 0...1 (1 = the same order every wave);
        /// n = respondents of those roles over the waves; no interval.
        public var kendallW: Estimate
    }

    /// One ordered pair: is `follower` behind `leader`, and by how many waves?
    public struct LeadLagPair: Codable, Sendable, Hashable {
        /// The role tested as ahead (a).
        public var leader: Role
        /// The role tested as behind (b).
        public var follower: Role
        /// Waves in which both are published.
        public var commonWaves: Int
        /// Mean over the common waves of RSI_leader − RSI_follower, index points, with its
        /// cluster-bootstrap interval.
        public var difference: Estimate
        /// `true` when the difference's interval lies above 0 (the behind test passes), `false`
        /// when it does not, `nil` when the test could not run (no interval).
        public var isBehind: Bool?
        /// The lag of the follower behind the leader, in waves.
        public var lag: Lag
    }

    /// A lag in waves, a censored lower bound, or why there is none.
    public struct Lag: Codable, Sendable, Hashable, CustomStringConvertible {
        /// Median of the defined τ_w, in waves (0 or less reported as it is); `nil` otherwise.
        public var waves: Double?
        /// With no τ_w defined but some censored: the lag is more than this many waves.
        public var moreThan: Double?
        /// Why neither is given: "not behind", or "not available: …".
        public var reason: String?
        /// Waves of the follower with a defined τ_w.
        public var definedWaves: Int
        /// Waves of the follower whose τ_w is censored (level below the leader's first value).
        public var censoredWaves: Int
        /// Waves of the follower that gave no information (at or before the leader's first
        /// published wave with a level below it, or above the leader's maximum).
        public var skippedWaves: Int

        /// "2.5 waves", "more than 2 waves", or the reason (whole numbers without a decimal point).
        public var description: String {
            func text(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
            if let waves { return "\(text(waves)) waves" }
            if let moreThan { return "more than \(text(moreThan)) waves" }
            return reason ?? "not available"
        }
    }

    /// The trend of the gap |RSI_a − RSI_b| of one unordered pair.
    public struct PairConvergence: Codable, Sendable, Hashable {
        /// The first role (earlier in instrument order).
        public var first: Role
        /// The second role.
        public var second: Role
        /// |RSI_first − RSI_second| per analysed wave, `nil` where not both published.
        public var gaps: [Double?]
        /// OLS slope of the gap over the common waves, points per wave, with its interval.
        public var slope: Estimate
        /// Converging (interval below 0), diverging (above 0) or stable; `nil` without interval.
        public var trend: Trend?
        /// Waves from the last common wave until the fitted gap falls under one stage step.
        public var projectedClose: Projection
    }

    /// The direction of a slope judged by its interval.
    public enum Trend: String, Codable, Sendable, Hashable {
        /// The interval lies below 0.
        case converging
        /// The interval lies above 0.
        case diverging
        /// The interval contains 0.
        case stable
    }

    /// The projected close of a converging gap.
    public struct Projection: Codable, Sendable, Hashable {
        /// Waves from the last common wave until the fitted gap is under one stage step (0 when it
        /// already is); `nil` with a reason otherwise.
        public var waves: Double?
        /// Why there is no projection ("not converging", or "not available: …").
        public var reason: String?
    }

    /// Sigma-convergence (Barro & Sala-i-Martin 1992): the spread of the role RSIs over waves,
    /// over the roles published in every analysed wave (``RankStability/roles``), a fixed set.
    public struct SigmaConvergence: Codable, Sendable, Hashable {
        /// Sample standard deviation (n − 1) of those roles' RSIs per analysed wave; `nil` when
        /// fewer than two roles are published in every wave.
        public var standardDeviations: [Double?]
        /// OLS slope of the standard deviation over the waves where it exists, points per wave.
        public var slope: Estimate
        /// Converging, diverging or stable by the slope's interval.
        public var trend: Trend?
    }
}

/// Computes the Role Lead-Lag Ranking (constructs.md §5).
///
/// Sources: ranks with ties averaged and Kendall's W (Kendall & Babington Smith 1939, via
/// ``KendallW``); ordinary least squares slopes (``OrdinaryLeastSquares``); sigma-convergence
/// (Barro & Sala-i-Martin 1992); the cluster bootstrap (Davison & Hinkley 1997, §3.8).
public enum LeadLagRanking {
    /// Tolerance of "under one stage step" (constructs.md settled conventions).
    static let stepTolerance = 1e-9

    /// The lead-lag ranking over `cells`.
    ///
    /// - Parameters:
    ///   - table: the study's responses (its ``ResponseTable/waves`` index the time axis).
    ///   - cells: one cell per analysed wave, the same segment in each; any order, distinct waves.
    ///     Ranks and W need two waves, lags three.
    ///   - settings: weights of x, anonymity thresholds, bootstrap B and seed, stage step.
    /// - Returns: every figure or its reason. Never throws.
    /// - Complexity: O(respondents) once plus O(B × (clusters × waves × roles + roles² × waves)).
    public static func compute(table: ResponseTable, cells: [Cell], settings: AnalysisSettings) -> LeadLagRankingResult {
        let cells = cells.sorted { $0.waveIndex < $1.waveIndex }
        precondition(Set(cells.map(\.waveIndex)).count == cells.count, "one cell per wave")
        let x = table.positions(settings: settings)
        let rule = AnonymityRule(settings: settings)
        let roleCount = table.roleCount, waveCount = cells.count
        let time = cells.map { Double($0.waveIndex) }
        let step = settings.stageStep

        // Per (union cluster, wave slot × role) sums.
        let union = ClusterUnion(cells: cells)
        var rowStart = [0]
        for cell in cells { rowStart.append(rowStart.last! + cell.count) }
        var slotOf = [Int32](repeating: 0, count: rowStart.last!)
        for s in 0..<waveCount { for k in rowStart[s]..<rowStart[s + 1] { slotOf[k] = Int32(s) } }
        let slotOfRow = { (k: Int) -> (slot: Int, row: Int) in
            let s = Int(slotOf[k])
            return (s, k - rowStart[s])
        }
        let totals = ClusterGroupTotals(
            clusterCount: union.count, groupCount: waveCount * roleCount, valueCount: 2, rowCount: rowStart.last!,
            place: { k in
                let (s, j) = slotOfRow(k)
                let i = Int(cells[s].rows[j])
                return (Int(union.localToUnion[s][Int(cells[s].localCluster[j])]), s * roleCount + Int(table.role[i]))
            },
            add: { k, sums in
                let (s, j) = slotOfRow(k)
                let i = Int(cells[s].rows[j])
                sums[0] += table.weight[i]
                sums[1] += table.weight[i] * x[i]
            })
        let sums = totals.totals(), n = totals.respondents(), clusters = totals.clusters()
        var published = [[Bool]](repeating: [Bool](repeating: false, count: roleCount), count: waveCount)
        var rsi = [[Double?]](repeating: [Double?](repeating: nil, count: roleCount), count: waveCount)
        for s in 0..<waveCount {
            for r in 0..<roleCount where rule.allows(respondents: n[s * roleCount + r], organisations: clusters[s * roleCount + r]) {
                published[s][r] = true
                rsi[s][r] = sums[2 * (s * roleCount + r) + 1] / sums[2 * (s * roleCount + r)]
            }
        }
        let presence = Presence(totals: totals, roleCount: roleCount, waveCount: waveCount)

        // Ranks per wave, mean rank, best role.
        var ranks = [[Double?]](repeating: [Double?](repeating: nil, count: roleCount), count: waveCount)
        for s in 0..<waveCount {
            let roles = (0..<roleCount).filter { published[s][$0] }
            let r = Ranking.averageRanks(roles.map { rsi[s][$0]! }, descending: true)
            for (j, role) in roles.enumerated() { ranks[s][role] = r[j] }
        }
        let meanRank: [Double?] = (0..<roleCount).map { r in
            let values = (0..<waveCount).compactMap { ranks[$0][r] }
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        let ranked = (0..<roleCount).filter { meanRank[$0] != nil }
        var best: Int? = nil
        for r in ranked where best == nil || meanRank[r]! < meanRank[best!]! { best = r }

        // Pairs and their common waves.
        var unorderedPairs: [(a: Int, b: Int, common: [Int])] = []
        for (j, a) in ranked.enumerated() {
            for b in ranked[(j + 1)...] {
                unorderedPairs.append((a, b, (0..<waveCount).filter { published[$0][a] && published[$0][b] }))
            }
        }
        let pairList = unorderedPairs
        // Sigma-convergence and Kendall's W use the roles published in every analysed wave (a
        // fixed set, so a role entering or leaving does not move the spread).
        let everyWave = (0..<roleCount).filter { r in waveCount > 0 && (0..<waveCount).allSatisfy { published[$0][r] } }
        let sigmaWaves = everyWave.count >= 2 ? Array(0..<waveCount) : []

        // Bootstrap: per unordered pair the mean difference and the gap slope, then the sigma slope.
        let pairCount = pairList.count
        let boot = ClusterBootstrap(settings: settings)
        /// One replicate's statistics from its (wave, role) sums `acc`, written to lane `lane`.
        @Sendable func replicate(_ acc: [Double], lane: Int, _ out: inout ReplicateBatchOutput) {
            func value(_ s: Int, _ r: Int) -> Double? {
                let g = s * roleCount + r
                return acc[2 * g] > 0 ? acc[2 * g + 1] / acc[2 * g] : nil
            }
            pairs: for (j, pair) in pairList.enumerated() {
                guard !pair.common.isEmpty else { continue }
                var difference = 0.0
                var gaps: [Double] = []
                for s in pair.common {
                    guard let va = value(s, pair.a), let vb = value(s, pair.b) else { continue pairs }
                    difference += va - vb
                    gaps.append(abs(va - vb))
                }
                out[lane: lane, statistic: j] = difference / Double(pair.common.count)
                if pair.common.count >= 2 {
                    out[lane: lane, statistic: pairCount + j] = try? OrdinaryLeastSquares.slope(x: pair.common.map { time[$0] }, y: gaps).slope
                }
            }
            if sigmaWaves.count >= 2 {
                var sds: [Double] = []
                for s in sigmaWaves {
                    var values: [Double] = []
                    for r in everyWave {
                        guard let v = value(s, r) else { return }
                        values.append(v)
                    }
                    guard let sd = try? WeightedMoments(values).standardDeviation() else { return }
                    sds.append(sd)
                }
                out[lane: lane, statistic: 2 * pairCount] = try? OrdinaryLeastSquares.slope(x: sigmaWaves.map { time[$0] }, y: sds).slope
            }
        }

        let accCount = 2 * waveCount * roleCount
        let summaries = boot.runBatched(
            clusterCount: union.count, statisticCount: 2 * pairCount + 1,
            scratch: { [SIMD8<Double>](repeating: SIMD8(), count: accCount) }
        ) { batch, out, lanes in
            // The heavy sums for eight replicates at once; then each replicate's statistics.
            lanes.withUnsafeMutableBufferPointer { totals.accumulate(batch, into: $0) }
            for lane in 0..<batch.count {
                let acc = lanes.map { $0[lane] }
                replicate(acc, lane: lane, &out)
            }
        }


        // Behind tests and lags, both orders of each pair.
        let lagsPossible = waveCount >= 3
        var pairs: [LeadLagRankingResult.LeadLagPair] = []
        var lagOf = [Int: LeadLagRankingResult.Lag]()  // key leader * roleCount + follower
        var convergence: [LeadLagRankingResult.PairConvergence] = []
        for (j, pair) in pairList.enumerated() {
            let (pairN, pairOrganisations) = presence.counts(roles: [pair.a, pair.b], waves: pair.common)
            var forward: Estimate, backward: Estimate
            if pair.common.isEmpty {
                forward = Estimate(missing: NotAvailable.because("no wave in which both roles are published"), n: 0, organisations: 0)
                backward = forward
            } else {
                let d = pair.common.reduce(0.0) { $0 + rsi[$1][pair.a]! - rsi[$1][pair.b]! } / Double(pair.common.count)
                forward = Estimate(value: d, n: pairN, organisations: pairOrganisations, interval: summaries[j])
                backward = Estimate(value: -d, n: pairN, organisations: pairOrganisations,
                                    lower: summaries[j].upper.map { -$0 }, upper: summaries[j].lower.map { -$0 },
                                    intervalReason: summaries[j].unavailableReason)
            }
            for (leader, follower, difference) in [(pair.a, pair.b, forward), (pair.b, pair.a, backward)] {
                let isBehind: Bool? = difference.lower == nil ? nil : difference.intervalAboveZero
                let lag: LeadLagRankingResult.Lag
                if !lagsPossible {
                    lag = .missing(NotAvailable.because("lags need at least three waves"))
                } else if difference.value == nil {
                    lag = .missing(difference.reason!)
                } else if isBehind == nil {
                    lag = .missing(settings.bootstrapReplicates == 0
                        ? NotAvailable.because("the behind test needs the bootstrap (B = 0)")
                        : NotAvailable.because("the behind test has no interval: \(difference.intervalReason ?? "")"))
                } else if isBehind == false {
                    lag = .missing("not behind")
                } else {
                    lag = self.lag(leader: (0..<waveCount).compactMap { s in rsi[s][leader].map { (time[s], $0) } },
                                   follower: (0..<waveCount).compactMap { s in rsi[s][follower].map { (time[s], $0) } })
                }
                lagOf[leader * roleCount + follower] = lag
                pairs.append(.init(leader: table.roleCode(leader), follower: table.roleCode(follower),
                                   commonWaves: pair.common.count, difference: difference, isBehind: isBehind, lag: lag))
            }
            if pair.common.count >= 2 {
                convergence.append(pairConvergence(table: table, pair: pair, rsi: rsi, time: time, step: step,
                                                   waveCount: waveCount, n: pairN, organisations: pairOrganisations,
                                                   summary: summaries[pairCount + j]))
            }
        }

        // Kendall's W over the roles published in every wave.
        let (wN, wOrganisations) = presence.counts(roles: everyWave, waves: Array(0..<waveCount))
        let kendallW: Estimate
        do throws(StatisticError) {
            guard waveCount >= 2 else { throw StatisticError("needs at least two waves") }
            guard everyWave.count >= 2 else { throw StatisticError("fewer than two roles are published in every wave") }
            let w = try KendallW.coefficient(ranks: (0..<waveCount).map { s in
                Ranking.averageRanks(everyWave.map { rsi[s][$0]! }, descending: true)
            })
            kendallW = Estimate(unboundedValue: w, n: wN, organisations: wOrganisations)
        } catch {
            kendallW = Estimate(missing: NotAvailable.because(error), n: wN, organisations: wOrganisations)
        }

        // Sigma-convergence.
        var sds = [Double?](repeating: nil, count: waveCount)
        for s in sigmaWaves {
            sds[s] = try? WeightedMoments(everyWave.map { rsi[s][$0]! }).standardDeviation()
        }
        let sigmaSlope: Estimate
        do throws(StatisticError) {
            guard everyWave.count >= 2 else { throw StatisticError("fewer than two roles are published in every wave") }
            let fit = try OrdinaryLeastSquares.slope(x: sigmaWaves.map { time[$0] }, y: sigmaWaves.map { sds[$0]! })
            sigmaSlope = Estimate(value: fit.slope, n: wN, organisations: wOrganisations, interval: summaries[2 * pairCount])
        } catch {
            sigmaSlope = Estimate(missing: NotAvailable.because(error), n: wN, organisations: wOrganisations)
        }

        var trajectories: [LeadLagRankingResult.RoleTrajectory] = []
        for r in 0..<roleCount {
            var behindBest: LeadLagRankingResult.Lag? = nil
            if let best, r != best, meanRank[r] != nil { behindBest = lagOf[best * roleCount + r] }
            trajectories.append(.init(
                role: table.roleCode(r), roleShiftIndex: (0..<waveCount).map { rsi[$0][r] },
                respondents: (0..<waveCount).map { n[$0 * roleCount + r] },
                organisations: (0..<waveCount).map { clusters[$0 * roleCount + r] },
                ranks: (0..<waveCount).map { ranks[$0][r] }, meanRank: meanRank[r], lagBehindBest: behindBest))
        }
        return LeadLagRankingResult(
            waves: cells.map { table.waves[$0.waveIndex] }, waveIndices: cells.map(\.waveIndex), stageStep: step,
            roles: trajectories,
            rankStability: .init(roles: everyWave.map { table.roleCode($0) }, kendallW: kendallW),
            bestRole: best.map { table.roleCode($0) }, pairs: pairs, convergence: convergence,
            sigmaConvergence: .init(standardDeviations: sds, slope: sigmaSlope, trend: trend(sigmaSlope)))
    }

    // MARK: - Lag

    /// The lag of `follower` behind `leader` (settled conventions, "Lead-lag"), from their
    /// published trajectories as (wave index, RSI) in chronological order.
    ///
    /// For each wave w of the follower with level L: τ_w = w − t, t the earliest time at which the
    /// leader's trajectory (linear between consecutive published waves) reached L, when L lies within
    /// the leader's observed range; censored with bound w − w_a0 when L is below the leader's first
    /// published value (skipped when w ≤ w_a0); skipped when L is above the leader's maximum.
    /// Lag = type-7 median of the defined τ_w; with none defined but some censored, "more than" the
    /// largest bound; otherwise not available.
    static func lag(leader: [(time: Double, value: Double)], follower: [(time: Double, value: Double)]) -> LeadLagRankingResult.Lag {
        var defined: [Double] = [], bounds: [Double] = []
        var skipped = 0
        guard let first = leader.first else { return .missing(NotAvailable.because("the leader is never published")) }
        let top = leader.map(\.value).max()!
        for (w, level) in follower {
            if level < first.value {
                if w > first.time { bounds.append(w - first.time) } else { skipped += 1 }
                continue
            }
            if level > top { skipped += 1; continue }
            var t = first.time
            if first.value < level {
                for k in 1..<leader.count where leader[k].value >= level {
                    let (t0, v0) = leader[k - 1], (t1, v1) = leader[k]
                    t = t0 + (level - v0) / (v1 - v0) * (t1 - t0)
                    break
                }
            }
            defined.append(w - t)
        }
        var lag = LeadLagRankingResult.Lag(waves: nil, moreThan: nil, reason: nil, definedWaves: defined.count,
                                           censoredWaves: bounds.count, skippedWaves: skipped)
        if let median = try? Quantile.median(defined) {
            lag.waves = median
        } else if let bound = bounds.max() {
            lag.moreThan = bound
        } else {
            lag.reason = NotAvailable.because("the follower's levels lie outside the leader's observed range")
        }
        return lag
    }

    // MARK: - Convergence

    /// The gap trend and projected close of one pair with at least two common waves.
    static func pairConvergence(table: ResponseTable, pair: (a: Int, b: Int, common: [Int]), rsi: [[Double?]],
                                time: [Double], step: Double, waveCount: Int, n: Int, organisations: Int,
                                summary: BootstrapSummary) -> LeadLagRankingResult.PairConvergence {
        var gaps = [Double?](repeating: nil, count: waveCount)
        for s in pair.common { gaps[s] = abs(rsi[s][pair.a]! - rsi[s][pair.b]!) }
        let xs = pair.common.map { time[$0] }, ys = pair.common.map { gaps[$0]! }
        let slope: Estimate
        var projection = LeadLagRankingResult.Projection(waves: nil, reason: nil)
        do {
            let fit = try OrdinaryLeastSquares.slope(x: xs, y: ys)
            slope = Estimate(value: fit.slope, n: n, organisations: organisations, interval: summary)
            if slope.lower == nil {
                projection.reason = NotAvailable.because("the slope has no interval: \(summary.unavailableReason ?? "")")
            } else if !slope.intervalBelowZero {
                projection.reason = "not converging"
            } else if !(fit.slope < 0) {
                projection.reason = NotAvailable.because("the fitted slope is not negative")
            } else {
                let last = xs.last!
                let fittedLast = fit.intercept + fit.slope * last
                projection.waves = fittedLast < step - stepTolerance ? 0 : (fittedLast - step) / -fit.slope
            }
        } catch {
            slope = Estimate(missing: NotAvailable.because(error), n: n, organisations: organisations)
            projection.reason = slope.reason
        }
        return .init(first: table.roleCode(pair.a), second: table.roleCode(pair.b), gaps: gaps, slope: slope,
                     trend: trend(slope), projectedClose: projection)
    }

    /// The trend a slope's interval shows; `nil` without interval.
    static func trend(_ slope: Estimate) -> LeadLagRankingResult.Trend? {
        guard slope.value != nil, slope.lower != nil, slope.upper != nil else { return nil }
        if slope.intervalBelowZero { return .converging }
        if slope.intervalAboveZero { return .diverging }
        return .stable
    }

    // MARK: - Counts

    /// Which roles each union cluster has respondents of, per wave slot: answers "how many
    /// respondents and distinct organisations does a figure over these roles and waves rest on".
    struct Presence {
        let totals: ClusterGroupTotals
        let roleCount: Int
        let waveCount: Int

        /// Respondents and distinct clusters over (wave slot, role) groups with a role in `roles`,
        /// a slot in `waves`, and `only(slot, role)` true.
        func counts(roles: [Int], waves: [Int], only: (Int, Int) -> Bool = { _, _ in true }) -> (Int, Int) {
            var wanted = [Bool](repeating: false, count: waveCount * roleCount)
            for s in waves { for r in roles where only(s, r) { wanted[s * roleCount + r] = true } }
            var respondents = 0, organisations = 0
            for c in 0..<totals.clusterCount {
                var any = false
                for e in totals.entryStart[c]..<totals.entryStart[c + 1] where wanted[Int(totals.entryGroup[e])] {
                    respondents += Int(totals.entryCount[e])
                    any = true
                }
                if any { organisations += 1 }
            }
            return (respondents, organisations)
        }
    }
}

extension LeadLagRankingResult.Lag {
    /// No lag, with the reason.
    static func missing(_ reason: String) -> Self {
        .init(waves: nil, moreThan: nil, reason: reason, definedWaves: 0, censoredWaves: 0, skippedWaves: 0)
    }
}
