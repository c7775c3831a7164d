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
        let roleCount = instrument.roles.count
        let roleIndex = CodeIndex(instrument.roles), blockerIndex = CodeIndex(instrument.blockers)
        let priorityIndex = CodeIndex(instrument.priorities)

        // One pass over the responses, in their order. Waves get provisional indices in order of
        // first appearance (remapped to chronological order at the end); organisations and segment
        // values are numbered in order of first appearance. Each of these remembers the last key
        // it saw, so runs of rows of one organisation (the usual order of a file) cost no hashing.
        var excluded = 0
        var waveList: [Wave] = [], lastWave: Wave? = nil, lastWaveIndex: Int32 = 0
        var clusterOf: [String: Int32] = [:], lastOrganisation: String? = nil, lastCluster: Int32 = 0
        var isOrg: [Bool] = []
        var keys: [String?] = []
        var waveCol = [Int32](), clusterCol = [Int32](), roleCol = [Int16](), stageCol = [Int8]()
        var conf = [Int8](), prep = [Int8](), blk = [UInt64](), blkA = [Bool](), prim = [Int8]()
        var prio = [Int8](), prioN = [Int8](), own = [Int16](), dir = [Int8]()
        var infl = [UInt64](), inflA = [Bool](), sign = [UInt64](), signA = [Bool](), ostage = [Int8]()
        var wt = [Double](), pos = [Double]()
        let segmentKeys = SegmentKey.allCases
        var segments = segmentKeys.map { _ in SegmentColumn() }
        let n = responses.underestimatedCount
        waveCol.reserveCapacity(n); clusterCol.reserveCapacity(n); roleCol.reserveCapacity(n)
        stageCol.reserveCapacity(n); conf.reserveCapacity(n); prep.reserveCapacity(n)
        blk.reserveCapacity(n); blkA.reserveCapacity(n); prim.reserveCapacity(n)
        prio.reserveCapacity(n * k); prioN.reserveCapacity(n); own.reserveCapacity(n); dir.reserveCapacity(n)
        infl.reserveCapacity(n); inflA.reserveCapacity(n); sign.reserveCapacity(n); signA.reserveCapacity(n)
        ostage.reserveCapacity(n); wt.reserveCapacity(n); pos.reserveCapacity(n)
        for j in segments.indices { segments[j].column.reserveCapacity(n) }

        let settings = instrument.settings
        func blockerMask(_ items: [Blocker]?) -> UInt64 {
            var m: UInt64 = 0
            for it in items ?? [] { if let i = blockerIndex.index(of: it.rawValue), i < 64 { m |= 1 << UInt64(i) } }
            return m
        }
        func roleMask(_ items: [Role]?) -> UInt64 {
            var m: UInt64 = 0
            for it in items ?? [] { if let i = roleIndex.index(of: it.rawValue), i < 64 { m |= 1 << UInt64(i) } }
            return m
        }
        for r in responses {
            guard let role = roleIndex.index(of: r.role.rawValue) else { excluded += 1; continue }
            if r.wave != lastWave {
                if let w = waveList.firstIndex(of: r.wave) {
                    lastWaveIndex = Int32(w)
                } else {
                    lastWaveIndex = Int32(waveList.count)
                    waveList.append(r.wave)
                }
                lastWave = r.wave
            }
            waveCol.append(lastWaveIndex)
            if let org = r.organisationID {
                if org != lastOrganisation {
                    if let c = clusterOf[org] {
                        lastCluster = c
                    } else {
                        lastCluster = Int32(isOrg.count)
                        clusterOf[org] = lastCluster
                        isOrg.append(true); keys.append(org)
                    }
                    lastOrganisation = org
                }
                clusterCol.append(lastCluster)
            } else {
                clusterCol.append(Int32(isOrg.count))
                isOrg.append(false); keys.append(nil)
            }
            roleCol.append(Int16(role))
            stageCol.append(Int8(r.stage.value))
            conf.append(Int8(r.confidence ?? 0))
            prep.append(Int8(r.preparedness ?? 0))
            blk.append(blockerMask(r.blockers))
            blkA.append(r.blockers != nil)
            prim.append(r.primaryBlocker.flatMap { blockerIndex.index(of: $0.rawValue) }.map { Int8($0) } ?? -1)
            if let list = r.priorities {
                // The first k known items, in order; -1 pads.
                var m = 0
                for item in list where m < k {
                    if let i = priorityIndex.index(of: item.rawValue) { prio.append(Int8(i)); m += 1 }
                }
                prioN.append(Int8(m))
                for _ in m..<k { prio.append(-1) }
            } else {
                prioN.append(-1)
                for _ in 0..<k { prio.append(-1) }
            }
            switch r.ownership {
            case nil: own.append(-1)
            case .shared: own.append(Int16(roleCount))
            case .unclear: own.append(Int16(roleCount + 1))
            case .role(let owner): own.append(roleIndex.index(of: owner.rawValue).map { Int16($0) } ?? -1)
            }
            dir.append(r.direction.map { Int8($0.value) } ?? Int8.min)
            infl.append(roleMask(r.influences))
            inflA.append(r.influences != nil)
            sign.append(roleMask(r.signoff))
            signA.append(r.signoff != nil)
            ostage.append(r.orgStage.map { Int8($0.value) } ?? -1)
            wt.append(r.weight)
            pos.append(Position.of(stage: r.stage.value, confidence: r.confidence, preparedness: r.preparedness, settings: settings))
            for j in segments.indices {
                let value: String? = switch segmentKeys[j] {
                case .sector: r.sector
                case .sizeBand: r.sizeBand
                case .region: r.region
                }
                segments[j].append(value)
            }
        }
        excludedCount = excluded
        // Waves in chronological order; the wave column is renumbered to match.
        let sortedWaves = waveList.sorted()
        let chronological = waveList.map { w in Int32(sortedWaves.firstIndex(of: w)!) }
        if chronological != Array(0..<Int32(waveList.count)) {
            for i in waveCol.indices { waveCol[i] = chronological[Int(waveCol[i])] }
        }
        waves = sortedWaves
        count = waveCol.count
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
        var segCols: [SegmentKey: [Int32]] = [:]
        var segVals: [SegmentKey: [String]] = [:]
        for (j, key) in segmentKeys.enumerated() {
            segCols[key] = segments[j].column
            segVals[key] = segments[j].values
        }
        self.segments = segCols; segmentValues = segVals
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

/// One segment key's column while the table is built: value indices per row (-1 = not given) and
/// the distinct values in order of first appearance, remembering the last value seen.
private struct SegmentColumn {
    var column: [Int32] = []
    var values: [String] = []
    var index: [String: Int32] = [:]
    var last: String? = nil
    var lastIndex: Int32 = -1

    mutating func append(_ value: String?) {
        guard let value else { column.append(-1); return }
        if value != last {
            if let j = index[value] {
                lastIndex = j
            } else {
                lastIndex = Int32(values.count)
                values.append(value)
                index[value] = lastIndex
            }
            last = value
        }
        column.append(lastIndex)
    }
}

/// The index of an exact code of a ``CodeList`` (as ``CodeList/index(ofCode:)``) without hashing
/// the whole string: an open-addressing table keyed by the code's length and first eight UTF-8
/// bytes, each hit confirmed by comparing the strings. Readers give the instrument's own code
/// strings, so the comparison is an identity check. Built per table, used only while building it.
private struct CodeIndex {
    private var codes: [String]
    private var slots: [Int16]
    private let shift: UInt64

    init(_ list: CodeList) {
        var bits: UInt64 = 4
        while (1 << bits) < 4 * max(1, list.count) { bits += 1 }
        shift = 64 - bits
        codes = [String](repeating: "", count: 1 << bits)
        slots = [Int16](repeating: -1, count: 1 << bits)
        for (i, entry) in list.entries.enumerated() where list.index(ofCode: entry.code) == i {
            var s = slot(entry.code)
            while slots[s] >= 0 { s = (s + 1) & (slots.count - 1) }
            codes[s] = entry.code
            slots[s] = Int16(i)
        }
    }

    @inline(__always)
    private func slot(_ code: String) -> Int {
        func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var word = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
            for j in 0..<min(8, bytes.count) { word ^= UInt64(bytes[j]) << (8 * UInt64(j)) }
            return word
        }
        let word = code.utf8.withContiguousStorageIfAvailable(key) ?? Array(code.utf8).withUnsafeBufferPointer(key)
        return Int(truncatingIfNeeded: (word &* 0xBF58_476D_1CE4_E5B9) >> shift)
    }

    /// The index of the entry whose code is exactly `code`, or `nil`.
    @inline(__always)
    func index(of code: String) -> Int? {
        var s = slot(code)
        while slots[s] >= 0 {
            if codes[s] == code { return Int(slots[s]) }
            s = (s + 1) & (slots.count - 1)
        }
        return nil
    }
}
