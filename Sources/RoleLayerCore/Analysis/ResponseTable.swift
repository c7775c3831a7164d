/// The responses of a study in columnar, index-coded form: the input of every construct.
///
/// Each column has one entry per respondent-wave (``count`` rows). Codes are indices into the
/// instrument's lists (``Instrument/roles``, ``Instrument/blockers``, ...); sets are 64-bit masks
/// (bit i = option i). Missing answers use the sentinels documented on each column, so analysis
/// loops never touch strings or optionals.
///
/// Respondents without an organisation (public surveys) each get a cluster of their own, and
/// ``hasOrganisations`` is `false` when no response names an organisation.
public struct ResponseTable: Sendable {
    /// The instrument the codes refer to.
    public let instrument: Instrument
    /// The study's waves, distinct and in chronological order; ``wave`` indexes into it.
    public let waves: [Wave]
    /// Number of rows (respondent-waves).
    public let count: Int
    /// Number of clusters (organisations, plus one per respondent without an organisation).
    public let clusterCount: Int
    /// `true` when at least one response names an organisation.
    public let hasOrganisations: Bool
    /// Per cluster: `true` when it is a real organisation, `false` when it is a lone respondent.
    public let clusterIsOrganisation: [Bool]
    /// Per cluster: the pseudonymous organisation key (`nil` for a lone respondent). Used only to
    /// find one organisation for its own diagnostic; never written to cohort output.
    public let clusterKeys: [String?]

    /// Wave index per row, 0..<waves.count.
    public let wave: [Int32]
    /// Cluster index per row, 0..<clusterCount.
    public let cluster: [Int32]
    /// Role index per row, 0..<instrument.roles.count.
    public let role: [Int16]
    /// Stage per row, 0...6.
    public let stage: [Int8]
    /// Confidence per row, 1...7, or 0 when not answered.
    public let confidence: [Int8]
    /// Preparedness per row, 1...7, or 0 when not answered.
    public let preparedness: [Int8]
    /// Blockers cited per row (bit = blocker index); meaningful only where ``blockersAnswered``.
    public let blockers: [UInt64]
    /// Whether the blocker question was answered (an empty set counts as answered).
    public let blockersAnswered: [Bool]
    /// Primary blocker index per row, or -1 when not answered.
    public let primaryBlocker: [Int8]
    /// Priorities per row, ``maximumPriorities`` slots per row, most important first; -1 pads.
    /// Row i's list is `priorities[i*maximumPriorities ..< (i+1)*maximumPriorities]`.
    public let priorities: [Int8]
    /// Length of each row's priority list, or -1 when not answered.
    public let priorityCount: [Int8]
    /// The instrument's maximum priority-list length (k).
    public let maximumPriorities: Int
    /// Ownership per row: a role index, ``ownershipShared``, ``ownershipUnclear``, or -1 when not answered.
    public let ownership: [Int16]
    /// Direction per row, -2...2, or ``Int8/min`` when not answered.
    public let direction: [Int8]
    /// Roles named under `influences` (bit = role index); meaningful only where ``influencesAnswered``.
    public let influences: [UInt64]
    /// Whether `influences` was answered.
    public let influencesAnswered: [Bool]
    /// Roles named under `signoff`; meaningful only where ``signoffAnswered``.
    public let signoff: [UInt64]
    /// Whether `signoff` was answered.
    public let signoffAnswered: [Bool]
    /// The organisation-supplied maturity per row, 0...6, or -1 when not given.
    public let orgStage: [Int8]
    /// Survey weight per row (> 0; 1 when not given).
    public let weight: [Double]
    /// The respondent position x per row, 0...100 (constructs.md §1), from the instrument's weights.
    public let position: [Double]
    /// Segment values per row as indices into ``segmentValues`` of each key (-1 = not given).
    public let segments: [SegmentKey: [Int32]]
    /// The distinct values of each segment key, in order of first appearance.
    public let segmentValues: [SegmentKey: [String]]

    /// The ownership code meaning "shared".
    public var ownershipShared: Int16 { Int16(instrument.roles.count) }
    /// The ownership code meaning "unclear".
    public var ownershipUnclear: Int16 { Int16(instrument.roles.count + 1) }

    /// Builds the table from responses. Responses whose role the instrument does not know are left
    /// out and counted in ``excludedCount``; other unknown codes in a set answer are ignored
    /// (readers validate against the same instrument first, so both are 0 in practice).
    ///
    /// - Parameters:
    ///   - responses: the study's responses, any order.
    ///   - instrument: the instrument their codes come from; its settings give the position weights.
    public init(responses: some Sequence<Response>, instrument: Instrument) {
        self.instrument = instrument
        let k = instrument.maximumPriorities
        self.maximumPriorities = k
        var rows: [Response] = []
        var excluded = 0
        for r in responses {
            if instrument.index(of: r.role) != nil { rows.append(r) } else { excluded += 1 }
        }
        excludedCount = excluded
        let waveList = Array(Set(rows.map(\.wave))).sorted()
        var waveIndex: [Wave: Int32] = [:]
        for (i, w) in waveList.enumerated() { waveIndex[w] = Int32(i) }
        waves = waveList
        count = rows.count

        var clusterOf: [String: Int32] = [:]
        var isOrg: [Bool] = []
        var keys: [String?] = []
        var waveCol = [Int32](), clusterCol = [Int32](), roleCol = [Int16](), stageCol = [Int8]()
        var conf = [Int8](), prep = [Int8](), blk = [UInt64](), blkA = [Bool](), prim = [Int8]()
        var prio = [Int8](), prioN = [Int8](), own = [Int16](), dir = [Int8]()
        var infl = [UInt64](), inflA = [Bool](), sign = [UInt64](), signA = [Bool](), ostage = [Int8]()
        var wt = [Double](), pos = [Double]()
        var segCols: [SegmentKey: [Int32]] = [:]
        var segVals: [SegmentKey: [String]] = [:]
        var segIndex: [SegmentKey: [String: Int32]] = [:]
        for key in SegmentKey.allCases { segCols[key] = []; segVals[key] = []; segIndex[key] = [:] }
        let n = rows.count
        waveCol.reserveCapacity(n); clusterCol.reserveCapacity(n); roleCol.reserveCapacity(n)
        stageCol.reserveCapacity(n); pos.reserveCapacity(n); wt.reserveCapacity(n)
        prio.reserveCapacity(n * k)

        let settings = instrument.settings
        let roleCount = instrument.roles.count
        func mask<T>(_ items: [T], _ index: (T) -> Int?) -> UInt64 {
            var m: UInt64 = 0
            for it in items { if let i = index(it), i < 64 { m |= 1 << UInt64(i) } }
            return m
        }
        for r in rows {
            waveCol.append(waveIndex[r.wave]!)
            if let org = r.organisationID {
                if let c = clusterOf[org] {
                    clusterCol.append(c)
                } else {
                    let c = Int32(isOrg.count)
                    clusterOf[org] = c
                    isOrg.append(true); keys.append(org)
                    clusterCol.append(c)
                }
            } else {
                clusterCol.append(Int32(isOrg.count))
                isOrg.append(false); keys.append(nil)
            }
            roleCol.append(Int16(instrument.index(of: r.role)!))
            stageCol.append(Int8(r.stage.value))
            conf.append(Int8(r.confidence ?? 0))
            prep.append(Int8(r.preparedness ?? 0))
            blk.append(mask(r.blockers ?? []) { instrument.index(of: $0) })
            blkA.append(r.blockers != nil)
            prim.append(r.primaryBlocker.flatMap { instrument.index(of: $0) }.map { Int8($0) } ?? -1)
            if let list = r.priorities {
                let idx = list.compactMap { instrument.index(of: $0) }.prefix(k)
                prioN.append(Int8(idx.count))
                for j in 0..<k { prio.append(j < idx.count ? Int8(idx[idx.startIndex + j]) : -1) }
            } else {
                prioN.append(-1)
                for _ in 0..<k { prio.append(-1) }
            }
            switch r.ownership {
            case nil: own.append(-1)
            case .shared: own.append(Int16(roleCount))
            case .unclear: own.append(Int16(roleCount + 1))
            case .role(let role): own.append(instrument.index(of: role).map { Int16($0) } ?? -1)
            }
            dir.append(r.direction.map { Int8($0.value) } ?? Int8.min)
            infl.append(mask(r.influences ?? []) { instrument.index(of: $0) })
            inflA.append(r.influences != nil)
            sign.append(mask(r.signoff ?? []) { instrument.index(of: $0) })
            signA.append(r.signoff != nil)
            ostage.append(r.orgStage.map { Int8($0.value) } ?? -1)
            wt.append(r.weight)
            pos.append(Position.of(stage: r.stage.value, confidence: r.confidence, preparedness: r.preparedness, settings: settings))
            for key in SegmentKey.allCases {
                let value: String? = switch key {
                case .sector: r.sector
                case .sizeBand: r.sizeBand
                case .region: r.region
                }
                if let value {
                    if let j = segIndex[key]![value] {
                        segCols[key]!.append(j)
                    } else {
                        let j = Int32(segVals[key]!.count)
                        segVals[key]!.append(value); segIndex[key]![value] = j
                        segCols[key]!.append(j)
                    }
                } else {
                    segCols[key]!.append(-1)
                }
            }
        }
        // Weighted means and shares do not depend on the scale of the weights; weights so large
        // that their sums could overflow (any above 1e100) are divided by the largest, so every
        // sum stays finite (data.md allows any finite weight > 0).
        if let largest = wt.max(), largest > ResponseTable.weightRescaleThreshold {
            for i in wt.indices { wt[i] /= largest }
        }
        wave = waveCol; cluster = clusterCol; role = roleCol; stage = stageCol
        confidence = conf; preparedness = prep; blockers = blk; blockersAnswered = blkA
        primaryBlocker = prim; priorities = prio; priorityCount = prioN; ownership = own
        direction = dir; influences = infl; influencesAnswered = inflA; signoff = sign
        signoffAnswered = signA; orgStage = ostage; weight = wt; position = pos
        segments = segCols; segmentValues = segVals
        clusterCount = isOrg.count
        clusterIsOrganisation = isOrg
        clusterKeys = keys
        hasOrganisations = isOrg.contains(true)
    }

    /// Responses left out because their role is not in the instrument (for example a store
    /// analysed with a custom instrument that lacks some of its roles). Reported in the result's notes.
    public let excludedCount: Int

    /// Weights are divided by their maximum when it exceeds this (1e100), so weighted sums stay finite.
    public static let weightRescaleThreshold = 1e100

    /// The number of roles in the instrument.
    public var roleCount: Int { instrument.roles.count }
    /// The number of blockers in the instrument.
    public var blockerCount: Int { instrument.blockers.count }
}

/// A cohort segment key (data.md: sector, size_band, region). `org_stage` filtering is done on
/// the organisation's maturity, see ``SegmentFilter``.
public enum SegmentKey: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    case sector
    case sizeBand = "size_band"
    case region
}
