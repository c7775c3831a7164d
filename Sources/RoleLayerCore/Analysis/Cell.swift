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
        // Maturity per cluster over the whole wave.
        var stagesByCluster: [Int32: [Int8]] = [:]
        var orgStagesByCluster: [Int32: [Int8]] = [:]
        for i in 0..<table.count where table.wave[i] == w {
            let c = table.cluster[i]
            stagesByCluster[c, default: []].append(table.stage[i])
            if table.orgStage[i] >= 0 { orgStagesByCluster[c, default: []].append(table.orgStage[i]) }
        }
        var maturityOf: [Int32: Int8] = [:]
        var conflicts = 0
        for (c, stages) in stagesByCluster {
            if let given = orgStagesByCluster[c] {
                maturityOf[c] = Cell.flooredMedian(given)
                if Set(given).count > 1 { conflicts += 1 }
            } else {
                maturityOf[c] = Cell.flooredMedian(stages)
            }
        }
        var rows: [Int32] = []
        var local: [Int32] = []
        var clusters: [Int32] = []
        var maturity: [Int8] = []
        var localOf: [Int32: Int32] = [:]
        for i in 0..<table.count where table.wave[i] == w {
            let c = table.cluster[i]
            guard filter.matches(row: i, table: table, maturity: maturityOf[c]!) else { continue }
            rows.append(Int32(i))
            if let l = localOf[c] {
                local.append(l)
            } else {
                let l = Int32(clusters.count)
                localOf[c] = l
                clusters.append(c)
                maturity.append(maturityOf[c]!)
                local.append(l)
            }
        }
        self.rows = rows
        self.localCluster = local
        self.clusters = clusters
        self.maturity = maturity
        self.maturityConflicts = conflicts
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
