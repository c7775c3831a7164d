/// The set of respondents an analysis runs over: one wave, optionally filtered by segment
/// (constructs.md: "A cell is ... one wave, optionally filtered by segment").
///
/// Rows are indices into a ``ResponseTable``. Clusters present in the cell are renumbered
/// 0..<``clusterCount`` (``localCluster`` per row), so bootstrap multiplicities index them directly.
public struct Cell: Sendable {
    /// The wave's index in ``ResponseTable/waves``.
    public let waveIndex: Int
    /// Row indices into the table, ascending.
    public let rows: [Int32]
    /// The local cluster (0..<clusterCount) of each row in ``rows``.
    public let localCluster: [Int32]
    /// The table's cluster index of each local cluster.
    public let clusters: [Int32]
    /// Organisational maturity (0...6) of each local cluster in this wave (constructs.md §2 and
    /// settled conventions: floor of the median of respondents' stages, or of their org_stage values).
    public let maturity: [Int8]
    /// Local clusters whose respondents' org_stage values disagree (a warning to report).
    public let maturityConflicts: Int

    /// Number of clusters (organisations or lone respondents) in the cell.
    public var clusterCount: Int { clusters.count }
    /// Number of respondents in the cell.
    public var count: Int { rows.count }

    /// Selects one wave of `table`, filtered by `filter`.
    ///
    /// Maturity is computed over all the organisation's respondents in the wave before segment
    /// filters apply, so filtering by sector does not change an organisation's maturity.
    public init(table: ResponseTable, waveIndex: Int, filter: SegmentFilter = SegmentFilter()) {
        self.waveIndex = waveIndex
        let w = Int32(waveIndex)
        let levels = Stage.range.count  // stages and org_stage values are 0...6
        let g = table.clusterCount
        // One pass over the table: the wave's rows, and per cluster the counts of its respondents'
        // stages and org_stage values (dense by table cluster), the clusters in first-seen order.
        var waveRows: [Int32] = []
        var stageCounts = [Int32](repeating: 0, count: g * levels)
        var orgStageCounts = [Int32](repeating: 0, count: g * levels)
        var respondents = [Int32](repeating: 0, count: g)
        var waveClusters: [Int32] = []
        table.wave.withUnsafeBufferPointer { wave in
            for i in 0..<table.count where wave[i] == w {
                waveRows.append(Int32(i))
                let c = Int(table.cluster[i])
                if respondents[c] == 0 { waveClusters.append(Int32(c)) }
                respondents[c] += 1
                stageCounts[c * levels + Int(table.stage[i])] += 1
                let o = table.orgStage[i]
                if o >= 0 { orgStageCounts[c * levels + Int(o)] += 1 }
            }
        }
        // Maturity per cluster over the whole wave: the org_stage values when given, else the stages.
        var maturityOf = [Int8](repeating: -1, count: g)
        var conflicts = 0
        for c32 in waveClusters {
            let c = Int(c32)
            let given = orgStageCounts[(c * levels)..<((c + 1) * levels)]
            var distinct = 0
            for n in given where n > 0 { distinct += 1 }
            if distinct > 0 {
                maturityOf[c] = Cell.flooredMedian(counts: given)
                if distinct > 1 { conflicts += 1 }
            } else {
                maturityOf[c] = Cell.flooredMedian(counts: stageCounts[(c * levels)..<((c + 1) * levels)])
            }
        }
        var rows: [Int32] = []
        var local: [Int32] = []
        var clusters: [Int32] = []
        var maturity: [Int8] = []
        rows.reserveCapacity(waveRows.count)
        local.reserveCapacity(waveRows.count)
        var localOf = [Int32](repeating: -1, count: g)
        let unfiltered = filter.isEmpty
        for i32 in waveRows {
            let i = Int(i32)
            let c = Int(table.cluster[i])
            guard unfiltered || filter.matches(row: i, table: table, maturity: maturityOf[c]) else { continue }
            rows.append(i32)
            if localOf[c] >= 0 {
                local.append(localOf[c])
            } else {
                let l = Int32(clusters.count)
                localOf[c] = l
                clusters.append(Int32(c))
                maturity.append(maturityOf[c])
                local.append(l)
            }
        }
        self.rows = rows
        self.localCluster = local
        self.clusters = clusters
        self.maturity = maturity
        self.maturityConflicts = conflicts
    }

    /// The cell of the wave before `cell`'s, with `filter`: taken from `cells` (built with the same
    /// `filter`) when it is there, otherwise built; `nil` for the first wave. ``Analysis/run(table:request:)`` uses it so
    /// that each wave's cell is built once.
    public static func previous(of cell: Cell, among cells: [Cell], table: ResponseTable,
                                filter: SegmentFilter = SegmentFilter()) -> Cell? {
        guard cell.waveIndex > 0 else { return nil }
        if let found = cells.first(where: { $0.waveIndex == cell.waveIndex - 1 }) { return found }
        return Cell(table: table, waveIndex: cell.waveIndex - 1, filter: filter)
    }

    /// ``flooredMedian(_:)`` of the values whose counts are given: `counts[v]` = how many values
    /// equal v (v = 0, 1, ...; at least one count > 0).
    static func flooredMedian(counts: ArraySlice<Int32>) -> Int8 {
        let n = counts.reduce(0) { $0 + Int($1) }
        // The value at 0-based position q of the sorted values.
        func value(at q: Int) -> Int {
            var below = 0
            for (v, m) in counts.enumerated() {
                below += Int(m)
                if q < below { return v }
            }
            return counts.count - 1
        }
        if n % 2 == 1 { return Int8(value(at: n / 2)) }
        return Int8((value(at: n / 2 - 1) + value(at: n / 2)) / 2)  // both >= 0, so integer division floors
    }

    /// Floor of the ordinary (type-7) median of small integers.
    static func flooredMedian(_ values: [Int8]) -> Int8 {
        let s = values.sorted()
        let n = s.count
        if n % 2 == 1 { return s[n / 2] }
        return Int8((Int(s[n / 2 - 1]) + Int(s[n / 2])) / 2)  // both >= 0, so integer division floors
    }
}

/// Segment filters of a cell: `--segment sector=Retail` and so on. All given keys must match.
public struct SegmentFilter: Sendable, Hashable, Codable {
    /// Required segment values by key.
    public var values: [SegmentKey: String]
    /// Required organisational maturity (0...6), if any.
    public var orgStage: Int?

    /// No filter.
    public init(values: [SegmentKey: String] = [:], orgStage: Int? = nil) {
        self.values = values
        self.orgStage = orgStage
    }

    /// `true` when no filter is set.
    public var isEmpty: Bool { values.isEmpty && orgStage == nil }

    /// Segment values match after trimming surrounding white space and ignoring case
    /// (`sector=Retail` selects `retail`), as codes do elsewhere.
    func matches(row i: Int, table: ResponseTable, maturity: Int8) -> Bool {
        if let s = orgStage, Int(maturity) != s { return false }
        for (key, wanted) in values {
            let j = table.segments[key]![i]
            guard j >= 0, SegmentFilter.sameValue(table.segmentValues[key]![Int(j)], wanted) else { return false }
        }
        return true
    }

    /// Case-insensitive comparison of two segment values, surrounding white space ignored.
    static func sameValue(_ a: String, _ b: String) -> Bool {
        a == b || a.trimmingASCIIWhitespace().lowercased() == b.trimmingASCIIWhitespace().lowercased()
    }
}
