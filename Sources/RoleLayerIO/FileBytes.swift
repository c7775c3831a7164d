#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files into memory with errors precise enough for the CLI's exit status 2
/// (missing file, directory, permission), shared by the response readers and the YAML loaders.
enum FileBytes {
    /// The bytes of the file at `path`.
    ///
    /// - Throws: ``InputError`` naming the path: `no such file`, `is a directory`,
    ///   `permission denied`, or the system's message for any other failure.
    static func read(path: String) throws(InputError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw InputError(path: path, reason: reasonForErrno(errno)) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw InputError(path: path, reason: reasonForErrno(errno)) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw InputError(path: path, reason: "is a directory, not a file") }
        let isRegular = (st.st_mode & S_IFMT) == S_IFREG
        // One byte more than the size, so the read that meets the end of a regular file needs no
        // growth (growing would zero-fill a second copy of the file).
        var capacity = isRegular ? Int(st.st_size) + 1 : 1 << 16
        var bytes = [UInt8](repeating: 0, count: max(capacity, 1))
        var count = 0
        while true {
            if count == capacity {
                capacity = max(capacity * 2, 1 << 16)
                bytes.append(contentsOf: repeatElement(0, count: capacity - bytes.count))
            }
            let n = bytes.withUnsafeMutableBytes { buf in
                Glibc_read(fd, buf.baseAddress! + count, capacity - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(path: path, reason: reasonForErrno(errno))
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    private static func reasonForErrno(_ e: Int32) -> String {
        switch e {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory, not a file"
        case ENOTDIR: "a part of the path is not a directory"
        default: String(cString: strerror(e)).lowercased()
        }
    }
}

@inline(__always)
private func Glibc_read(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buf, n)
    #elseif canImport(Musl)
    return Musl.read(fd, buf, n)
    #else
    return Darwin.read(fd, buf, n)
    #endif
}
