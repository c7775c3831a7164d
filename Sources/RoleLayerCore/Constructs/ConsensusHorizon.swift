/// Consensus horizon (constructs.md §7): how many waves organisations take to reach consensus,
/// estimated across organisations with the Kaplan-Meier estimator (Kaplan & Meier 1958).
///
/// An organisation is **in consensus** in a wave when its leadership alignment A_o (the
/// ``AlignmentMap`` organisation value: mean pair alignment over its pairs of two different roles)
/// is at least `consensusAlignment` and every respondent of every gatekeeper role present in it
/// stands at stage `consensusStage` or beyond. Gatekeepers are the roles whose published sign-off
/// power in that wave's cell reaches `gatekeeperThreshold` (``InfluenceIndex``); with no gatekeeper
/// the alignment condition alone decides.
///
/// Time runs in waves, indexed by position in the study's chronological wave list
/// (``ResponseTable/waves``; a wave absent from the analysis keeps its index). An organisation
/// enters at its first **evaluable** wave among the cells given (present with A_o defined, i.e.
/// two or more roles sharing an answered dimension). Waves where it is absent or not evaluable
/// are skipped: it is not observed then, and an event is dated at the first observed wave in
/// consensus (time = that wave's index − the entry wave's index; 0 when already in consensus at
/// entry). An organisation never observed in consensus is censored at its last evaluable wave.
///
/// The median and its interval are read off the curve and its pointwise log-log band
/// (Brookmeyer & Crowley 1982, as R `survival` does; ``KaplanMeier/medianTime(_:)``); organisations
/// are the units, so the Greenwood variance already treats each organisation as one independent
/// observation and no cluster bootstrap is run.
public enum ConsensusHorizon {
    /// The reason when fewer than three waves are given.
    public static let tooFewWavesReason = "not available: the consensus horizon needs three or more waves"

    /// Computes the consensus horizon over the waves of `cells`.
    ///
    /// - Parameters:
    ///   - table: the study's responses.
    ///   - cells: one cell per wave (same segment filter), any order; a repeated wave is used once.
    ///   - settings: consensus thresholds, gatekeeper threshold, k thresholds, confidence level.
    /// - Returns: the result; "not available" (with the reason) for fewer than three waves or no
    ///   organisation with two or more roles; figures resting on fewer than max(k_org, k_resp)
    ///   organisations are suppressed.
    public static func compute(table: ResponseTable, cells: [Cell], settings: AnalysisSettings) -> ConsensusHorizonResult {
        var seen = Set<Int>()
        let ordered = cells.sorted { $0.waveIndex < $1.waveIndex }.filter { seen.insert($0.waveIndex).inserted }
        let waves = ordered.map { table.waves[$0.waveIndex] }
        let roles = table.instrument.roles.entries.map { Role($0.code) }
        let minimumOrgs = AnonymityRule(settings: settings).minimumPairOrganisations
        guard ordered.count >= 3 else { return .unavailable(waves: waves, reason: tooFewWavesReason) }
        guard table.hasOrganisations else { return .unavailable(waves: waves, reason: AlignmentMap.noOrganisationsReason) }

        // Per organisation (table cluster): entry wave, last evaluable wave, first consensus wave.
        let g = table.clusterCount
        var entry = [Int](repeating: -1, count: g)
        var last = [Int](repeating: -1, count: g)
        var event = [Int](repeating: -1, count: g)
        var respondents = [Int](repeating: 0, count: g)
        var perWave: [ConsensusWave] = []
        for cell in ordered {
            let oa = OrganisationAlignment(table: table, cell: cell)
            let gatekeepers = InfluenceIndex.gatekeeperRoles(table: table, cell: cell, settings: settings)
            var evaluated = 0, inConsensus = 0, waveRespondents = 0
            for c in 0..<cell.clusterCount where oa.isOrganisation[c] && oa.leadershipDefined[c] {
                let org = Int(cell.clusters[c])
                var consensus = oa.leadership[c] >= settings.consensusAlignment
                if consensus && gatekeepers & oa.rolesPresent[c] != 0 {
                    for x in oa.members.members(c) {
                        let i = Int(cell.rows[Int(x)])
                        if gatekeepers & (1 << UInt64(table.role[i])) != 0 && Int(table.stage[i]) < settings.consensusStage {
                            consensus = false
                            break
                        }
                    }
                }
                evaluated += 1
                waveRespondents += oa.members.count(c)
                if consensus { inConsensus += 1 }
                if entry[org] < 0 { entry[org] = cell.waveIndex }
                if event[org] < 0 {
                    last[org] = cell.waveIndex
                    respondents[org] += oa.members.count(c)
                    if consensus { event[org] = cell.waveIndex }
                }
            }
            let share: Estimate
            if evaluated == 0 {
                share = Estimate(missing: AlignmentMap.noOrganisationsReason, n: 0, organisations: 0)
            } else if evaluated < minimumOrgs {
                share = .suppressed(n: waveRespondents, organisations: evaluated)
            } else {
                share = Estimate(value: Double(inConsensus) / Double(evaluated), n: waveRespondents, organisations: evaluated,
                                 intervalReason: "no interval: a descriptive share of the wave's organisations")
            }
            perWave.append(ConsensusWave(
                wave: table.waves[cell.waveIndex],
                gatekeepers: (0..<roles.count).filter { gatekeepers & (1 << UInt64($0)) != 0 }.map { roles[$0] },
                shareInConsensus: share))
        }

        var times: [Double] = [], events: [Bool] = []
        var n = 0, atEntry = 0
        for org in 0..<g where entry[org] >= 0 {
            let reached = event[org] >= 0
            times.append(Double((reached ? event[org] : last[org]) - entry[org]))
            events.append(reached)
            if reached && event[org] == entry[org] { atEntry += 1 }
            n += respondents[org]
        }
        guard !times.isEmpty else { return .unavailable(waves: waves, reason: AlignmentMap.noOrganisationsReason) }
        let organisations = times.count
        let reachedCount = events.filter { $0 }.count
        var result = ConsensusHorizonResult(
            waves: waves, unavailableReason: nil, organisations: organisations, reachedConsensus: reachedCount,
            censored: organisations - reachedCount, inConsensusAtEntry: atEntry,
            medianWaves: .suppressed(n: n, organisations: organisations), medianLowerBound: nil, curve: [],
            byWave: perWave)
        guard organisations >= minimumOrgs else { return result }

        let steps: [KaplanMeier.Step]
        do throws(StatisticError) {
            steps = try KaplanMeier.estimate(times: times, events: events, level: settings.confidenceLevel)
        } catch {
            result.medianWaves = Estimate(missing: error.description, n: n, organisations: organisations)
            return result
        }
        let median = KaplanMeier.medianTime(steps)
        if let m = median.estimate {
            // A one-sided interval keeps its known end; the reason explains the missing one.
            result.medianWaves = Estimate(
                value: m, n: n, organisations: organisations, lower: median.lower, upper: median.upper,
                intervalReason: "not available: the confidence band does not reach one half within the observed waves")
        } else {
            result.medianWaves = Estimate(
                missing: "not reached: fewer than half of the organisations reached consensus within the observed waves",
                n: n, organisations: organisations)
            result.medianLowerBound = steps.last?.time
        }
        result.curve = steps.map { s in
            s.atRisk >= minimumOrgs
                ? ConsensusStep(waves: s.time, atRisk: s.atRisk, events: s.events, censored: s.censored,
                                survival: s.survival, lower: s.lower, upper: s.upper, reason: nil)
                : ConsensusStep(waves: s.time, atRisk: s.atRisk, events: nil, censored: nil, survival: nil,
                                lower: nil, upper: nil, reason: AnonymityRule.suppressedReason)
        }
        return result
    }
}

// MARK: - Result

/// The consensus horizon of a panel.
public struct ConsensusHorizonResult: Codable, Sendable, Hashable {
    /// The waves analysed, chronological.
    public var waves: [Wave]
    /// Why the whole construct is not available, else `nil`.
    public var unavailableReason: String?
    /// Organisations entered (evaluable in at least one wave).
    public var organisations: Int
    /// Organisations observed in consensus (events).
    public var reachedConsensus: Int
    /// Organisations never observed in consensus (censored).
    public var censored: Int
    /// Organisations already in consensus at their entry wave (events at time 0).
    public var inConsensusAtEntry: Int
    /// Median waves to consensus from entry (Kaplan-Meier), with the Brookmeyer-Crowley interval
    /// from the log-log band; n = respondent-waves of the entered organisations up to their event or
    /// censoring, organisations = organisations entered. Suppressed below max(k_org, k_resp)
    /// organisations; "not reached" when the curve stays above one half.
    public var medianWaves: Estimate
    /// When the median is not reached: it exceeds this many waves (the last observed time).
    public var medianLowerBound: Double?
    /// The Kaplan-Meier curve, one step per distinct time (waves since entry); steps with fewer
    /// than max(k_org, k_resp) organisations at risk are suppressed.
    public var curve: [ConsensusStep]
    /// Per wave: the gatekeeper roles used and the share of evaluable organisations in consensus.
    public var byWave: [ConsensusWave]

    static func unavailable(waves: [Wave], reason: String) -> ConsensusHorizonResult {
        ConsensusHorizonResult(waves: waves, unavailableReason: reason, organisations: 0, reachedConsensus: 0, censored: 0,
                               inConsensusAtEntry: 0, medianWaves: Estimate(missing: reason, n: 0, organisations: 0),
                               medianLowerBound: nil, curve: [], byWave: [])
    }
}

/// One step of the consensus curve: the share of organisations not yet in consensus.
public struct ConsensusStep: Codable, Sendable, Hashable {
    /// Waves since entry.
    public var waves: Double
    /// Organisations at risk just before this time.
    public var atRisk: Int
    /// Organisations reaching consensus at this time (`nil` when suppressed).
    public var events: Int?
    /// Organisations censored at this time (`nil` when suppressed).
    public var censored: Int?
    /// S(t), 0...1: share not yet in consensus (`nil` when suppressed).
    public var survival: Double?
    /// Pointwise log-log band (`nil` where undefined or suppressed).
    public var lower: Double?
    /// Upper end of the pointwise band.
    public var upper: Double?
    /// `suppressed` when fewer than max(k_org, k_resp) organisations are at risk.
    public var reason: String?
}

/// One wave of the consensus horizon.
public struct ConsensusWave: Codable, Sendable, Hashable {
    /// The wave.
    public var wave: Wave
    /// Roles whose published sign-off power reached the gatekeeper threshold in this wave.
    public var gatekeepers: [Role]
    /// Share (0...1) of the wave's evaluable organisations in consensus; no interval.
    public var shareInConsensus: Estimate
}
