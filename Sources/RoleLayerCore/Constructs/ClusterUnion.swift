/// The clusters of several cells (waves) in one index space, for statistics across waves:
/// constructs.md settled conventions, "for statistics across waves: all organisations of the
/// waves involved, each carrying all its waves". A bootstrap replicate draws union clusters, and a
/// drawn organisation brings its respondents of every wave with it.
///
/// Union indices follow the table's cluster order (ascending), so they do not depend on the order
/// in which the cells are given.
struct ClusterUnion: Sendable {
    /// The table's cluster index of each union cluster, ascending.
    let clusters: [Int32]
    /// Per cell (in the order given): the union index of each of the cell's local clusters.
    let localToUnion: [[Int32]]

    /// Number of union clusters.
    var count: Int { clusters.count }

    /// Merges the clusters of `cells`.
    init(cells: [Cell]) {
        var all = [Int32]()
        for cell in cells { all.append(contentsOf: cell.clusters) }
        all.sort()
        var unique = [Int32]()
        unique.reserveCapacity(all.count)
        for c in all where unique.last != c { unique.append(c) }
        var index = [Int32: Int32](minimumCapacity: unique.count)
        for (u, c) in unique.enumerated() { index[c] = Int32(u) }
        clusters = unique
        localToUnion = cells.map { cell in cell.clusters.map { index[$0]! } }
    }
}
