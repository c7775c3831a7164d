#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RoleLayerCore

/// A seeded generator of a multi-wave fieldwork panel with planted effects
/// (docs/simulation.md gives the model).
///
/// Streaming: ``generate(_:)`` hands each ``Response`` to a closure as soon as it is drawn, so a
/// panel of a million respondents never sits in memory; in ``GenerationOrder/wave`` order the
/// simulator keeps only a small per-organisation panel state (which roles answered last wave and
/// who holds each role), O(organisations), never O(respondents).
///
/// Determinism: every draw comes from ``RandomGenerator``. Each organisation has its own streams,
/// derived from the scenario seed and the organisation's index (stream `index << 12 | k`: k = 0
/// organisation parameters, k = 1 panel presence, k = 2 + w answers in wave w), so a record never
/// depends on the order of generation: the two orders give the same records, and the same
/// scenario and seed give byte-identical output.
///
/// Identifiers are pseudonymous: organisations `org-000123` (index, zero-padded to six digits);
/// respondents `r-` + 16 hexadecimal digits, a bijective mix (SplitMix64 finaliser) of the
/// seed, organisation index, role, slot and tenure, so ids are unique within a wave and say
/// nothing of the organisation. A respondent keeps the id across waves until turnover replaces
/// the role holder.
public struct PanelSimulator: Sendable {
    /// The resolved scenario.
    public let scenario: Scenario
    /// The instrument whose codes the records use.
    public let instrument: Instrument
    let model: SimulationModel

    /// Creates a simulator.
    /// - Throws: ``ScenarioError`` when the scenario does not fit the instrument or has values
    ///   out of range (every problem listed).
    public init(scenario: Scenario = .default, instrument: Instrument = .default) throws(ScenarioError) {
        self.scenario = scenario
        self.instrument = instrument
        self.model = try SimulationModel(scenario: scenario, instrument: instrument)
    }

    /// The waves generated, in order.
    public var waves: [Wave] { model.waves }

    /// The planted truth of the scenario, for recovery tests (computed, not sampled from the
    /// generated data).
    public func plantedEffects() -> PlantedEffects { PlantedEffects(model: model) }

    /// Generates the panel in the scenario's ``Scenario/order``, handing each record to `emit`.
    /// - Throws: whatever `emit` throws (generation stops there).
    public func generate(_ emit: (Response) throws -> Void) rethrows {
        switch scenario.order {
        case .wave: try generateWaveMajor(emit)
        case .organisation: try generateOrganisationMajor(emit)
        }
    }

    /// Generates every record into an array (for tests and small panels).
    public func responses() -> [Response] {
        var out: [Response] = []
        generate { out.append($0) }
        return out
    }

    // MARK: - Orders

    private func generateOrganisationMajor(_ emit: (Response) throws -> Void) rethrows {
        let W = model.waves.count
        var buffer: [Response] = []
        for index in 0..<model.totalOrganisations {
            let org = OrganisationDraw(index: index, model: model)
            var presence = PresenceChain(org: org, model: model)
            for w in org.entryWave..<W {
                guard presence.advance(to: w, model: model) else { break }
                buffer.removeAll(keepingCapacity: true)
                answers(org: org, wave: w, presence: presence, into: &buffer)
                for r in buffer { try emit(r) }
            }
        }
    }

    private func generateWaveMajor(_ emit: (Response) throws -> Void) rethrows {
        let W = model.waves.count
        var chains: [PresenceChain?] = Array(repeating: nil, count: model.totalOrganisations)
        var buffer: [Response] = []
        for w in 0..<W {
            for index in 0..<model.organisationCount(byWave: w) {
                let org = OrganisationDraw(index: index, model: model)
                var chain = chains[index] ?? PresenceChain(org: org, model: model)
                if chain.alive, chain.advance(to: w, model: model) {
                    buffer.removeAll(keepingCapacity: true)
                    answers(org: org, wave: w, presence: chain, into: &buffer)
                    for r in buffer { try emit(r) }
                }
                chains[index] = chain
            }
        }
    }

    // MARK: - One organisation-wave

    /// The records of organisation `org` in wave index `w`, roles in instrument order.
    func answers(org: OrganisationDraw, wave w: Int, presence: PresenceChain, into out: inout [Response]) {
        var rng = RandomGenerator(seed: scenario.seed, stream: UInt64(org.index) << 12 | UInt64(2 + w))
        let m = model
        let s = scenario
        let wave = m.waves[w]
        let orgID = Self.organisationID(org.index)
        let maturityNow = org.maturity(at: Double(w))
        var orgStage: Stage? = nil
        let orgStageNoise = rng.nextGaussian()
        if org.reportsOrgStage {
            orgStage = Stage(Self.clampRound(maturityNow + s.maturity.orgStageSD * orgStageNoise, 0, 6))
        }
        let sector = s.sectors[org.sector].name
        let size = s.sizeBands[org.sizeBand].name
        let region = s.regions[org.region].name
        for r in 0..<m.roles.count where presence.present[r] {
            for slot in 0..<(presence.second[r] ? 2 : 1) {
                let id = Self.respondentID(seed: s.seed, organisation: org.index, role: r, slot: slot, tenure: presence.tenure[r])
                var resp = response(org: org, role: r, wave: w, rng: &rng, answerAll: false)
                resp.respondentID = id
                resp.organisationID = orgID
                resp.wave = wave
                resp.orgStage = orgStage
                resp.sector = sector
                resp.sizeBand = size
                resp.region = region
                out.append(resp)
            }
        }
    }

    /// Draws one respondent's answers (ids and segments left for the caller). With `answerAll`,
    /// no item is left unanswered (used for the planted alignment).
    func response(org: OrganisationDraw, role r: Int, wave w: Int, rng: inout RandomGenerator, answerAll: Bool) -> Response {
        let m = model
        let s = scenario
        let lm = s.model
        let nr = s.itemNonresponse
        let iota = m.independence[r]
        // Stage, confidence, preparedness (the trajectory: follows the root role's clock).
        let eta = latentStage(org: org, role: r, wave: w)
        let stage = Self.clampRound(eta + lm.stageSD * rng.nextGaussian(), 0, 6)
        let conviction = lm.convictionSD * ((1 - iota).squareRoot() * org.conviction + iota.squareRoot() * org.roleConviction[r])
        let cLatent = lm.confidenceCentre + lm.confidenceLoading * (eta - 3) + m.confidenceOffset[r] + conviction
            + lm.confidenceSD * rng.nextGaussian()
        let pLatent = lm.preparednessCentre + lm.preparednessLoading * (eta - 3) + m.preparednessOffset[r]
            + lm.preparednessSD * rng.nextGaussian()
        let confidence = (answerAll || !rng.nextBool(probability: nr.confidence)) ? Self.clampRound(cLatent, 1, 7) : nil
        let preparedness = (answerAll || !rng.nextBool(probability: nr.preparedness)) ? Self.clampRound(pLatent, 1, 7) : nil

        // Blockers: role propensities plus the organisation's shared concern.
        var blockers: [Blocker]? = nil
        var primary: Blocker? = nil
        let concernP = (1 - iota) * s.organisationConcern
        var cited: [Int] = []
        for b in 0..<m.blockers.count {
            let u1 = rng.nextDouble()
            let u2 = rng.nextDouble()
            if u1 < m.blockerPropensity[r][b] || (b == org.concern && u2 < concernP) { cited.append(b) }
        }
        let blockersMissing = !answerAll && rng.nextBool(probability: nr.blockers)
        let primaryMissing = !answerAll && rng.nextBool(probability: nr.primaryBlocker)
        let uPrimary = rng.nextDouble()
        if !blockersMissing {
            blockers = cited.map { m.blockers[$0] }
            if !cited.isEmpty && !primaryMissing {
                var total = 0.0
                for b in cited { total += max(m.blockerPropensity[r][b], 0.01) }
                var acc = 0.0
                var chosen = cited[cited.count - 1]
                for b in cited {
                    acc += max(m.blockerPropensity[r][b], 0.01) / total
                    if uPrimary < acc { chosen = b; break }
                }
                primary = m.blockers[chosen]
            }
        }

        // Priorities: shared organisation view mixed with the role's own favourites.
        let P = m.priorities.count
        var utility = [Double](repeating: 0, count: P)
        for p in 0..<P {
            utility[p] = (1 - iota) * org.priorityView[p] + iota * m.priorityFavour[r][p] + lm.priorityNoiseSD * rng.nextGaussian()
        }
        let length = min(P, 1 + SimulationModel.draw(m.listLengthCumulative, rng.nextDouble()))
        var priorities: [Priority]? = nil
        if answerAll || !rng.nextBool(probability: nr.priorities) {
            var order = Array(0..<P)
            order.sort { utility[$0] != utility[$1] ? utility[$0] > utility[$1] : $0 < $1 }
            priorities = order.prefix(length).map { m.priorities[$0] }
        }

        // Ownership: the organisation's view, or with probability ι the role's own.
        let useOwn = rng.nextBool(probability: iota)
        let uOwn = rng.nextDouble()
        let ownership: Ownership = useOwn
            ? m.ownershipOptions[r][SimulationModel.draw(m.ownershipCumulative[r], uOwn)]
            : m.viewOptions[org.ownershipView]
        let ownershipAnswer = (answerAll || !rng.nextBool(probability: nr.ownership)) ? ownership : nil

        // Direction.
        let dLatent = (1 - iota) * org.direction + iota * m.directionStance[r] + s.direction.noiseSD * rng.nextGaussian()
        let direction = (answerAll || !rng.nextBool(probability: nr.direction)) ? Direction(Self.clampRound(dLatent, -2, 2)) : nil

        // Influences (never the own role) and sign-off (own role allowed).
        var influences: [Role] = []
        var signoff: [Role] = []
        for b in 0..<m.roles.count {
            let u1 = rng.nextDouble()
            let u2 = rng.nextDouble()
            if b != r && u1 < m.nomination[b] { influences.append(m.roles[b]) }
            if u2 < m.signoff[b] { signoff.append(m.roles[b]) }
        }
        let influencesAnswer = (answerAll || !rng.nextBool(probability: nr.influences)) ? influences : nil
        let signoffAnswer = (answerAll || !rng.nextBool(probability: nr.signoff)) ? signoff : nil

        let uComment = rng.nextDouble()
        let uCommentText = rng.nextInt(below: SimulationModel.commentTexts.count)
        let comment = uComment < s.comments ? SimulationModel.commentTexts[uCommentText] : nil

        return Response(
            respondentID: "", organisationID: nil, wave: m.waves[w], role: m.roles[r], stage: Stage(stage)!,
            confidence: confidence, preparedness: preparedness, blockers: blockers, primaryBlocker: primary,
            priorities: priorities, ownership: ownershipAnswer, direction: direction,
            influences: influencesAnswer, signoff: signoffAnswer, weight: org.weight, comment: comment)
    }

    /// η_or(w) = m_o + κ_r g_o (w - L_r) + δS_r + u_or: the stage latent before response noise.
    func latentStage(org: OrganisationDraw, role r: Int, wave w: Int) -> Double {
        let m = model
        let tau = Double(w) - m.clockLag[r]
        return org.baseMaturity + m.speed[r] * org.growth * tau + m.stageOffset[r] + org.roleDeviation[r]
    }

    // MARK: - Helpers

    /// `value` rounded half away from zero and clamped to lo...hi.
    @inline(__always)
    static func clampRound(_ value: Double, _ lo: Int, _ hi: Int) -> Int {
        let r = value.rounded()
        if !(r > Double(lo)) { return lo }
        if r >= Double(hi) { return hi }
        return Int(r)
    }

    /// `org-` + the index zero-padded to six digits.
    public static func organisationID(_ index: Int) -> String {
        let digits = String(index)
        return "org-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// `r-` + 16 hexadecimal digits: SplitMix64's finaliser (a bijection) of the respondent key
    /// XOR a seed-derived salt, so ids are unique for distinct keys and differ between seeds.
    static func respondentID(seed: UInt64, organisation: Int, role: Int, slot: Int, tenure: Int) -> String {
        let key = UInt64(organisation) << 24 | UInt64(role & 0x3F) << 18 | UInt64(slot & 0x3) << 16 | UInt64(tenure & 0xFFFF)
        var z = key ^ mixSeed(seed)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z = z ^ (z >> 31)
        let hex = String(z, radix: 16)
        return "r-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func mixSeed(_ seed: UInt64) -> UInt64 {
        var g = RandomGenerator(seed: seed, stream: 0xFFFF_FFFF_FFFF_FFFF)
        return g.next()
    }
}

// MARK: - Organisation parameters

/// The persistent parameters of one organisation, drawn from its stream `index << 12 | 0`.
struct OrganisationDraw: Sendable {
    let index: Int
    let entryWave: Int
    let sector: Int
    let sizeBand: Int
    let region: Int
    /// m_o: maturity at wave index 0 (extrapolated back for entrants), stage points.
    let baseMaturity: Double
    /// g_o: maturity growth per wave.
    let growth: Double
    /// u_or, per role.
    let roleDeviation: [Double]
    /// z_o: shared conviction, standard units.
    let conviction: Double
    /// v_or: role-specific conviction, standard units.
    let roleConviction: [Double]
    /// D_o: shared direction.
    let direction: Double
    /// V_op: shared priority utilities.
    let priorityView: [Double]
    /// Index into the scenario's ownership view options.
    let ownershipView: Int
    /// The organisation's shared concern (blocker index).
    let concern: Int
    /// Survey weight of every respondent (1 when weights are disabled).
    let weight: Double
    /// Whether the organisation supplies org_stage.
    let reportsOrgStage: Bool

    init(index: Int, model m: SimulationModel) {
        self.init(index: index, entryWave: m.entryWave(of: index), model: m, seed: m.scenario.seed)
    }

    init(index: Int, entryWave: Int, model m: SimulationModel, seed: UInt64) {
        let s = m.scenario
        var rng = RandomGenerator(seed: seed, stream: UInt64(index) << 12)
        self.index = index
        self.entryWave = entryWave
        sector = SimulationModel.draw(m.sectorCumulative, rng.nextDouble())
        sizeBand = SimulationModel.draw(m.sizeCumulative, rng.nextDouble())
        region = SimulationModel.draw(m.regionCumulative, rng.nextDouble())
        let offset = s.sectors[sector].maturityOffset + s.sizeBands[sizeBand].maturityOffset + s.regions[region].maturityOffset
        growth = s.maturity.growthPerWave + s.maturity.growthSD * rng.nextGaussian()
        let e = Double(entryWave)
        let atEntry = s.maturity.initialMean + s.maturity.growthPerWave * e + offset + s.maturity.initialSD * rng.nextGaussian()
        baseMaturity = atEntry - growth * e
        let R = m.roles.count
        var u = [Double](repeating: 0, count: R)
        var v = [Double](repeating: 0, count: R)
        for r in 0..<R {
            u[r] = s.model.roleOrganisationSD * rng.nextGaussian()
            v[r] = rng.nextGaussian()
        }
        roleDeviation = u
        roleConviction = v
        conviction = rng.nextGaussian()
        direction = s.direction.mean + s.direction.organisationSD * rng.nextGaussian()
        var view = [Double](repeating: 0, count: m.priorities.count)
        for p in 0..<view.count { view[p] = m.priorityPopularity[p] + s.model.priorityViewSD * rng.nextGaussian() }
        priorityView = view
        ownershipView = SimulationModel.draw(m.viewCumulative, rng.nextDouble())
        concern = SimulationModel.draw(m.concernCumulative, rng.nextDouble())
        let jitter = rng.nextGaussian()
        if s.weights.enabled {
            let w = s.sizeBands[sizeBand].weight * exp(s.weights.sd * jitter - s.weights.sd * s.weights.sd / 2)
            weight = max((w * 10_000).rounded() / 10_000, 0.0001)
        } else {
            weight = 1
        }
        reportsOrgStage = rng.nextBool(probability: s.maturity.orgStageShare)
    }

    /// M_o(t) = m_o + g_o t.
    func maturity(at t: Double) -> Double { baseMaturity + growth * t }
}

// MARK: - Panel presence

/// Which roles answer in each wave, who holds each role, and whether the organisation is still
/// in the panel: a Markov chain over waves drawn from the stream `index << 12 | 1`.
struct PresenceChain: Sendable {
    private var rng: RandomGenerator
    private(set) var wave: Int
    private(set) var alive = true
    private(set) var present: [Bool]
    private(set) var second: [Bool]
    private(set) var tenure: [Int]
    private let entryWave: Int

    init(org: OrganisationDraw, model m: SimulationModel) {
        rng = RandomGenerator(seed: m.scenario.seed, stream: UInt64(org.index) << 12 | 1)
        let R = m.roles.count
        present = Array(repeating: false, count: R)
        second = Array(repeating: false, count: R)
        tenure = Array(repeating: 0, count: R)
        entryWave = org.entryWave
        wave = org.entryWave - 1
    }

    /// Advances the chain to wave index `w` (≥ the current wave); returns whether the
    /// organisation is in the panel there.
    mutating func advance(to w: Int, model m: SimulationModel) -> Bool {
        let p = m.scenario.panel
        while wave < w && alive {
            wave += 1
            if wave > entryWave && rng.nextBool(probability: p.attrition) {
                alive = false
                break
            }
            for r in 0..<present.count {
                let rate = m.responseRate[r]
                let q = wave == entryWave ? rate : present[r] ? p.rolePersistence + (1 - p.rolePersistence) * rate : (1 - p.rolePersistence) * rate
                present[r] = rng.nextBool(probability: q)
                second[r] = rng.nextBool(probability: p.secondRespondent)
                if wave > entryWave && rng.nextBool(probability: p.respondentTurnover) { tenure[r] += 1 }
            }
        }
        return alive
    }
}
