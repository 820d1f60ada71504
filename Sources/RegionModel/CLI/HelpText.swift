/// The text of `regionsim --help` and `regionsim help COMMAND`.
enum HelpText {
  /// The help of a command, nil for an unknown one.
  static func of(_ command: String) -> String? {
    CommandName(rawValue: command)?.helpText
  }

  static let overview = """
    regionsim: a reference model of the memory-region mapping layer of QEMU's
    blkio block driver, and a simulator that replays traces through it.

    Usage:
      regionsim check [--quiet] [--hazards] FILE...
                                          replay traces and compare their outputs
      regionsim record FILE               write a trace with the model's outputs
      regionsim hazards [--json] FILE...  list the weak points each trace shows
      regionsim explore [--seed N] [--runs N] [--steps N] [--out DIR] [--json]
                                          search for hazards, write minimal traces
      regionsim shrink FILE (--hazard CODE | --until-mismatch)
                                          shrink a trace that shows a problem
      regionsim show FILE [--compare V2] [--out PAGE.html]
                                          draw a trace as an HTML page
      regionsim import --ramblock FILE [--memdev FILE] [--capture FILE]
                                          a running QEMU's RAM map as a trace
      regionsim check --calls-only CAPTURE --ram TRACE
                                          compare captured libblkio calls
      regionsim help [COMMAND]            show this text, or a command's
      regionsim --version                 the version and the variants it models

    Every command takes --variant NAME (default seed): seed (the patch as
    posted), a QEMU release (qemu-7.2, qemu-9.0, qemu-9.1, qemu-10.1),
    merged (the newest release modelled) or fixed (this project's proposal);
    Docs/Variants.md lists what each includes. A trace may pin its variant
    with a comment '# regionsim: variant=NAME' before its first input.

    FILE may be '-' for standard input. Traces follow trace format version 1
    (Docs/TraceFormat.md).

    Exit status: 0 all matched, 1 a mismatch, 64 bad usage, 65 an invalid
    trace, 66 a file that cannot be opened or read, 73 an output that
    cannot be written (standard output included: a full disk; a closed
    pipe stays quiet). A mistyped command, option, variant, hazard code,
    record, key or driver gets the nearest name as a suggestion; trace
    bytes quoted in messages have their control characters escaped.

    """

  static let show = """
    Usage: regionsim show FILE [--variant NAME] [--compare NAME2]
                         [--out PAGE.html] [--hazard-pages URL] [--limit N]

    Replays the trace through the model and draws it as one self-contained
    HTML page (inline SVG, no script, nothing fetched): a row per input, the
    address space across with its empty stretches collapsed, RAMBlocks as
    bands, each blkio node's mapped regions as bars from map to unmap, the
    bounce pool's allocations, requests at their buffers, discard events
    and hazards. Hovering any mark shows the trace line it comes from.

    --compare NAME2   draw the trace under a second variant beside the first
                      (NAME2 wins over the trace's variant pin; the first
                      panel follows the pin, as every command does)
    --out PAGE.html   write the page there (default: standard output)
    --hazard-pages URL  where hazard links point (default Docs/hazards)
    --limit N         draw at most N inputs (default 10000); the page says
                      what it left out

    The trace's own output lines are checked to be valid, not compared (that
    is 'regionsim check'). Exit status: 0 drawn, 64 bad usage, 65 an invalid
    trace, 66 a file that cannot be read, 73 a page that cannot be written.

    """

  static let check = """
    Usage: regionsim check [--quiet] [--hazards] [--variant NAME] FILE...
           regionsim check [--quiet] [--variant NAME] --calls-only CAPTURE [--ram TRACE]

    Replays each trace through the reference model and compares, after every
    input, the trace's output lines with the calls the model makes (map,
    unmap, alloc, free, the discard counters, requests) and its result (ok,
    error). The
    calls must match one for one and in order; a result line may be left out.

    On the first difference in a file, prints the file and line of the input,
    the expected record and the model's record. A file that matches gets a
    one-line summary (suppressed by --quiet). Each file is checked on its own;
    the exit status is the worst of them: 0 all matched, 1 a mismatch, 65 an
    invalid trace (FILE:LINE: what is wrong), 66 a file that cannot be read.

    A trace with inputs but no output line at all only checks that the model
    makes no call; check warns about it, since 'regionsim record' is what
    fills in the outputs.

    With --hazards, also lists the hazards of each trace (as 'regionsim
    hazards' does) and exits 1 when there are any.

    With --calls-only CAPTURE, checks a capture of a real QEMU's libblkio
    calls (written by libregionsim-capture.so, Docs/Capture.md) instead of a
    trace: the RAM map of TRACE (from 'regionsim import') and the events
    appended to the capture are replayed, each blkio_create() ... blkio_start()
    becomes an 'open' with the properties QEMU read, and the model's map and
    unmap calls are compared with the captured ones, in order. What the
    capture cannot say (which guest event caused a call) is assumed and
    printed as 'CAPTURE:LINE: assumed: ...'. The first difference is
    reported with the capture's line. Without --variant, the capture's open
    sequences choose it where they tell the release, else merged (the newest
    release); calls on the bounce pool (blkio_alloc_mem_region() memory) are
    counted, not compared. Exit status: 0 the calls match, 1 they
    differ, 65 a malformed capture or trace, 66 a file that cannot be read.

    """

  static let hazards = """
    Usage: regionsim hazards [--json] [--variant NAME] FILE...

    Replays each trace's inputs through the model (its output lines are not
    compared) and lists every hazard the model saw happen: a weak point of
    the mapping layer or a broken rule of libblkio, each with a stable code,
    the line of the input, the particulars, and an explanation the first
    time the code appears. --json writes one JSON object instead, with every
    file's hazards and a table of the codes.

    Codes: file-offset-ignored, fdless-skip, io-unmapped, unmap-unmapped,
    region-in-flight, double-registration, alignment-disagreement,
    region-limit, unregister-order, overlapping-regions, discard-underflow,
    discard-leak, caller-fault, bounce-pool-unaligned, null-root
    (Docs/Hazards.md).

    Exit status: 0 no hazard, 1 hazards found, 64 bad usage, 65 an invalid
    trace, 66 a file that cannot be read.

    """

  static let record = """
    Usage: regionsim record [--variant NAME] FILE

    Replays the trace (FILE, or '-' for standard input) through the reference
    model and writes it to standard output with the model's outputs: every
    line but the output lines is copied as given, and after each input come
    its calls in the order they were made and then its result, in canonical
    form. Recording a recorded trace rewrites its outputs; 'regionsim check'
    passes on what 'record' writes.

    Exit status: 0 recorded, 64 bad usage, 65 an invalid trace (what came
    before the bad line has been written), 66 a file that cannot be read.

    """

  static let explore = """
    Usage: regionsim explore [--seed N] [--runs N] [--steps N] [--variant NAME]
                             [--out DIR] [--json]
           regionsim explore --variant-table [--seed N] [--runs N] [--steps N]

    Generates --runs scenarios (default 2000) of about --steps inputs (default
    40) from --seed (default 1): RAM layouts, drivers and property overrides,
    block graphs, registrars, hotplug, I/O, virtio-mem and failures. Each runs
    through the model with the hazard checker. For every distinct hazard the
    first scenario that showed it is shrunk to a minimal one (no input can be
    removed without losing the hazard) and written, recorded, to
    DIR/CODE.trace (default DIR: explore-out) with a header saying what it
    shows. Prints progress on standard error about once a second, then a
    table (or, with --json, one JSON object). The same options always give
    the same findings.

    With --variant-table: explores under every variant with the same options,
    writes no traces, and prints the Markdown table of which hazards each
    variant shows (the hazard x variant table of Docs/Variants.md).

    Exit status: 0 explored, 64 bad usage, 73 DIR or a trace cannot be written.

    """

  static let shrink = """
    Usage: regionsim shrink FILE (--hazard CODE | --until-mismatch) [--variant NAME]

    With --hazard CODE: shrinks the trace's inputs (dropping inputs and whole
    blocks, nodes, backends or requests, merging touching RAM blocks,
    simplifying numbers) while regionsim hazards still reports CODE, and
    writes the result, recorded, to standard output.

    With --until-mismatch: drops inputs (each with its output lines) while
    check still finds the same difference (the same expected and actual
    record), and writes the rest with its expected outputs.

    Exit status: 0 shrunk, 1 the trace does not show the hazard or the
    mismatch, 64 bad usage, 65 an invalid trace, 66 an unreadable file.

    """

  static let importText = """
    Usage: regionsim import --ramblock FILE [--memdev FILE] [--capture FILE]
                            [--out TRACE]

    Writes the RAM map of a running QEMU as a trace of 'ramblock add' records
    (to standard output, or to TRACE), for 'regionsim check --calls-only'
    or a trace of one's own.

      --ramblock FILE  what the monitor printed for 'info ramblock' (HMP), or
                       the reply to x-query-ramblock or to
                       human-monitor-command "info ramblock" (QMP); both
                       layouts of QEMU's listing are read: with host addresses
                       (8.0 and later) and without (before 8.0, when the host
                       addresses come from the capture's maps)
      --memdev FILE    the reply to query-memdev: each backend's share flag,
                       and mem-path and offset where added from qom-get
      --capture FILE   a capture (Docs/Capture.md): each block's fd is taken
                       from the first map of its memory; where nothing tells
                       the fd, the record says so in a comment and gives -1

    Names QEMU gives blocks that a trace name cannot hold (0000:00:02.0/
    vga.vram) have each other character turned into '_'; the comment above
    each record gives the original. Exit status: 0 written, 64 bad usage, 65
    a listing or reply that cannot be read, 66 a file that cannot be opened,
    73 an output that cannot be written.

    """

  static let help = """
    Usage: regionsim help [COMMAND]

    Shows the overview, or the help of COMMAND (check, record, hazards, explore,
    shrink, help).

    """
}
