/// What `check --calls-only` learns from a first pass over a capture.
public struct CaptureSurvey: Hashable, Sendable {
  /// The blocks `event ramblock add` lines add.
  public var heldBack: Set<String> = []
  /// The release the open sequences point to, when they tell.
  public var release: ReleaseHint?

  public init(heldBack: Set<String> = [], release: ReleaseHint? = nil) {
    self.heldBack = heldBack
    self.release = release
  }
}

/// A variant a capture's calls point to, and why.
public struct ReleaseHint: Hashable, Sendable {
  /// The variant to model the capture with.
  public var variant: DriverVariant
  /// Whether the calls pin the variant down, or only bound the release
  /// (8.1 and later open alike).
  public var certain: Bool
  /// What in the capture says so, with its line.
  public var reason: String
}

/// The calls of a capture that tell QEMU releases apart, as QEMU's
/// block/blkio.c made them:
/// - the series as posted reads `mem-regions-pinned`; every release reads
///   `may-pin-mem-regions`;
/// - from 8.1 (cad2ccc395, 1c38fe69e2) `blkio_virtio_blk_connect()` probes
///   the `fd` property (`blkio_set_int("fd", -1)`) before it connects a
///   virtio-blk transport; 7.2's `blkio_virtio_blk_common_open()` sets
///   `path` and leaves the connect to `blkio_file_open()`, with no probe.
struct ReleaseEvidence {
  private var pinnedRead: Int?
  private var fdProbe: Int?
  private var connectWithoutProbe: Int?
  /// The virtio-blk instances created and whether each probed `fd` yet.
  private var probed: [UInt64: Bool] = [:]

  mutating func note(_ call: CaptureCall, line: Int) {
    switch call {
    case .get(_, _, "mem-regions-pinned", _, _):
      if pinnedRead == nil { pinnedRead = line }
    case .create(let driver, 0, let handle) where driver.hasPrefix("virtio-blk-"):
      probed[handle] = false
    case .set(let handle, .int, "fd", _, _) where probed[handle] != nil:
      probed[handle] = true
      if fdProbe == nil { fdProbe = line }
    case .connect(let handle, _):
      if probed[handle] == false, connectWithoutProbe == nil { connectWithoutProbe = line }
      probed[handle] = nil
    default: return
    }
  }

  var hint: ReleaseHint? {
    if let line = pinnedRead {
      return ReleaseHint(
        variant: .seed, certain: true,
        reason: "line \(line) reads mem-regions-pinned, which only the series as posted reads")
    }
    if let line = connectWithoutProbe {
      return ReleaseHint(
        variant: .qemu72, certain: true,
        reason: "line \(line) connects a virtio-blk transport without probing the fd property "
          + "first, as QEMU 7.2 and 8.0 do")
    }
    if let line = fdProbe {
      return ReleaseHint(
        variant: .merged, certain: false,
        reason: "line \(line) probes the fd property before connecting, as QEMU 8.1 and later do; "
          + "the newest release modelled")
    }
    return nil
  }
}
