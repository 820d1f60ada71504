/// The type of a libblkio property in the call that read or wrote it
/// (`blkio_get_bool()`, `blkio_set_int()`, ...).
public enum PropertyType: String, Hashable, Sendable, CaseIterable {
  case bool
  case int
  case uint64
  case str
}

/// A property value as a `blkio_get_*()` or `blkio_set_*()` call carried
/// it.
public enum PropertyValue: Hashable, Sendable {
  case bool(Bool)
  case int(Int32)
  case uint64(UInt64)
  case str(String)
}

/// One call into libblkio's C API that the capture library saw, with what
/// it returned. `handle` is the `struct blkio *` (its address, which only
/// tells instances apart).
public enum CaptureCall: Hashable, Sendable {
  /// `blkio_create(driver, &b)`: `handle` is `*bp` afterwards (0 on failure).
  case create(driver: String, ret: Int32, handle: UInt64)
  /// `blkio_connect(b)`.
  case connect(handle: UInt64, ret: Int32)
  /// `blkio_start(b)`.
  case start(handle: UInt64, ret: Int32)
  /// `blkio_destroy(&b)`: `handle` is `*bp` before the call.
  case destroy(handle: UInt64)
  /// `blkio_get_TYPE(b, name, &value)`: `value` when `ret` is 0.
  case get(handle: UInt64, type: PropertyType, name: String, ret: Int32, value: PropertyValue?)
  /// `blkio_set_TYPE(b, name, value)`.
  case set(handle: UInt64, type: PropertyType, name: String, value: PropertyValue, ret: Int32)
  /// `blkio_map_mem_region(b, region)`; nil for a NULL region pointer.
  case map(handle: UInt64, region: CaptureRegion?, ret: Int32)
  /// `blkio_unmap_mem_region(b, region)`.
  case unmap(handle: UInt64, region: CaptureRegion?)
  /// `blkio_alloc_mem_region(b, region, size)`: the region as the call left it.
  case alloc(handle: UInt64, size: UInt64, ret: Int32, region: CaptureRegion?)
  /// `blkio_free_mem_region(b, region)`.
  case free(handle: UInt64, region: CaptureRegion?)

  /// The `struct blkio *` the call was made on (`*bp` for create and
  /// destroy).
  public var handle: UInt64 {
    switch self {
    case .create(_, _, let handle), .connect(let handle, _), .start(let handle, _),
      .destroy(let handle), .get(let handle, _, _, _, _), .set(let handle, _, _, _, _),
      .map(let handle, _, _), .unmap(let handle, _), .alloc(let handle, _, _, _),
      .free(let handle, _):
      handle
    }
  }
}

/// A record line of a capture: the call and what the library noted beside
/// it.
public struct CaptureRecord: Hashable, Sendable {
  /// The call and its result.
  public var call: CaptureCall
  /// `blkio_get_error_msg()` after a failed call.
  public var message: String?
  /// The file behind a mapped region's fd (`/proc/self/fd/N`), when known.
  public var fdPath: String?
  /// The thread that made the call (`gettid()`).
  public var thread: Int64

  public init(call: CaptureCall, message: String? = nil, fdPath: String? = nil, thread: Int64) {
    self.call = call
    self.message = message
    self.fdPath = fdPath
    self.thread = thread
  }
}

/// What one line of a capture holds.
public enum CaptureLine: Hashable, Sendable {
  /// A blank line or a `#` comment.
  case nothing
  /// `regionsim-capture 1 pid=PID`: a process began writing.
  case header(pid: Int64)
  /// A call record.
  case record(CaptureRecord)
  /// `event INPUT`: a trace input someone appended to say what happened to
  /// the VM at this point (a RAMBlock plugged or unplugged, a device
  /// removed). The text is the input, without `event`.
  case event(String)
}
