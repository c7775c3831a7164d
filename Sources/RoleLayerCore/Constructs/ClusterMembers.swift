/// The respondents of a cell grouped by local cluster (organisation or lone respondent):
/// positions into ``Cell/rows``, cluster by cluster, in ascending position within each cluster.
///
/// Built in O(respondents) by a counting sort on ``Cell/localCluster``.
struct ClusterMembers: Sendable {
    /// Start of each local cluster's members in ``positions``; count = clusterCount + 1.
    let start: [Int32]
    /// Positions into ``Cell/rows``.
    let positions: [Int32]

    init(cell: Cell) {
        let g = cell.clusterCount
        var start = [Int32](repeating: 0, count: g + 1)
        for c in cell.localCluster { start[Int(c) + 1] += 1 }
        for c in 0..<g { start[c + 1] += start[c] }
        var next = start
        var positions = [Int32](repeating: 0, count: cell.count)
        for (p, c) in cell.localCluster.enumerated() {
            positions[Int(next[Int(c)])] = Int32(p)
            next[Int(c)] += 1
        }
        self.start = start
        self.positions = positions
    }

    /// The members of local cluster `c`.
    @inline(__always)
    func members(_ c: Int) -> ArraySlice<Int32> { positions[Int(start[c])..<Int(start[c + 1])] }

    /// Number of members of local cluster `c`.
    @inline(__always)
    func count(_ c: Int) -> Int { Int(start[c + 1] - start[c]) }
}
