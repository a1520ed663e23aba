using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>
/// What the engine promises around the computation: which inputs it refuses (and says why), what it diagnoses, and
/// that every line Xen or libxl would print, and every finding, reaches the caller's logger with its event id and level.
/// </summary>
public sealed class EngineContractTests
{
    private sealed class Scope : IDisposable
    {
        public void Dispose()
        {
        }
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly LogLevel _min;

        public RecordingLogger(LogLevel min) => _min = min;

        public List<(LogLevel Level, int Id, string Text)> Entries { get; } = new();

        public IDisposable BeginScope<TState>(TState state) => new Scope();

        public bool IsEnabled(LogLevel logLevel) => logLevel >= _min;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Entries.Add((logLevel, eventId.Id, formatter(state, exception)));
            }
        }
    }

    private static readonly MemoryBank[] OneGiBRam = [new MemoryBank(0x40000000, 0x40000000, MemoryBankKind.HostRam)];

    private static ExtendedRegionsInput Dom0(string release = "4.21.0") => new() { Release = XenRelease.Parse(release), IpaBits = 40, HostRam = OneGiBRam };

    private static ExtendedRegionsInput DomU(int ipaBits = 40) => new()
    {
        Release = XenRelease.Parse("4.21.0"), Kind = DomainKind.ToolstackDomU, DomainName = "d1", IpaBits = ipaBits, GuestRamBankSizes = [0x20000000],
    };

    public static TheoryData<string, int, LogLevel> EveryMessage() => new()
    {
        { "regions", (int)XenLogMessage.RegionAdvertised, LogLevel.Information },
        { "disabled", (int)XenLogMessage.Disabled, LogLevel.Information },
        { "32-bit", (int)XenLogMessage.Unsupported32Bit, LogLevel.Warning },
        { "no RAM", (int)XenLogMessage.AllocationFailed, LogLevel.Warning },
        { "bad reg", (int)XenLogMessage.AddressRetrievalFailed, LogLevel.Error },
        { "wide PCI", (int)XenLogMessage.PciRangeTooWide, LogLevel.Error },
        { "libxl regions", (int)XenLogMessage.ToolstackRegion, LogLevel.Debug },
        { "libxl no space", (int)XenLogMessage.ToolstackNoSpace, LogLevel.Warning },
    };

    private static ExtendedRegionsInput Case(string name) => name switch
    {
        "regions" => Dom0(),
        "disabled" => Dom0() with { ExtendedRegionsEnabled = false },
        "32-bit" => Dom0() with { Width = DomainWidth.Bits32 },
        "no RAM" => Dom0() with { HostRam = [] },
        "bad reg" => Dom0() with { IommuEnabled = true, DescribedWindows = [DescribedWindow.Failed("/soc/r5f", 0, DescribedWindowKind.Reg, "no translation")] },
        "wide PCI" => Dom0() with { IommuEnabled = true, DescribedWindows = [DescribedWindow.PciRange("/pcie", 0, 0xffff_ffff_ffff_f000, 0x2000)] },
        "libxl regions" => DomU(),
        _ => DomU(ipaBits: 30), // 2^30: below GUEST_RAM0_BASE, no room at all
    };

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_line_Xen_or_libxl_prints_reaches_the_logger_with_its_event_id_and_level(string name, int id, LogLevel level)
    {
        var logger = new RecordingLogger(LogLevel.Trace);
        ExtendedRegionsResult result = new ExtendedRegionsEngine(logger).Compute(Case(name));
        XenLogLine line = result.LogLines.First(l => (int)l.Message == id);
        string who = id is (int)XenLogMessage.ToolstackRegion or (int)XenLogMessage.ToolstackNoSpace ? "libxl" : "Xen";
        Assert.Contains((level, id, $"{who} {result.Release}: {line.Text}"), logger.Entries);
        Assert.Equal(result.LogLines.Count + result.Diagnostics.Count, logger.Entries.Count);
    }

    [Fact]
    public void Each_engine_finding_reaches_the_logger_as_a_warning()
    {
        var logger = new RecordingLogger(LogLevel.Trace);
        ExtendedRegionsResult result = new ExtendedRegionsEngine(logger).Compute(Dom0() with { IpaBits = 64 });
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.Contains((LogLevel.Warning, 5200, $"Extended regions engine finding {d.Id}: {d}"), logger.Entries));
    }

    [Fact]
    public void A_logger_for_warnings_only_gets_the_warnings_and_a_silent_one_nothing()
    {
        // Emitting is skipped only when neither Debug (libxl's lines) nor Warning is wanted.
        var warnings = new RecordingLogger(LogLevel.Warning);
        new ExtendedRegionsEngine(warnings).Compute(Dom0() with { Width = DomainWidth.Bits32 });
        Assert.Equal((int)XenLogMessage.Unsupported32Bit, Assert.Single(warnings.Entries).Id);

        var debug = new RecordingLogger(LogLevel.Debug);
        new ExtendedRegionsEngine(debug).Compute(DomU());
        Assert.Contains(debug.Entries, e => e.Id == (int)XenLogMessage.ToolstackRegion);

        var silent = new RecordingLogger(LogLevel.None);
        new ExtendedRegionsEngine(silent).Compute(Dom0() with { Width = DomainWidth.Bits32 });
        Assert.Empty(silent.Entries);
    }

    [Fact]
    public void A_default_release_or_a_null_domain_name_is_refused_naming_the_property()
    {
        var engine = new ExtendedRegionsEngine();
        ArgumentException release = Assert.Throws<ArgumentException>(() => engine.Compute(Dom0() with { Release = default }));
        Assert.StartsWith("Release is the default XenRelease value; use XenRelease.Latest or a parsed release.", release.Message, StringComparison.Ordinal);
        Assert.Equal("input", release.ParamName);
        ArgumentException name = Assert.Throws<ArgumentException>(() => engine.Compute(Dom0() with { DomainName = null! }));
        Assert.StartsWith("DomainName must not be null.", name.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => engine.Compute(null!));
    }

    [Theory]
    [InlineData(DomainKind.HardwareDomain)]
    [InlineData(DomainKind.Dom0lessDomU)]
    [InlineData(DomainKind.DirectMappedDomU)]
    public void Ipa_bits_0_is_only_libxl_s_old_hypervisor_case(DomainKind kind)
    {
        // libxl reads gpaddr_bits 0 from a hypervisor too old to report it; Xen itself always has 1..64.
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new ExtendedRegionsEngine().Compute(Dom0() with { Kind = kind, DomainName = "d1", IpaBits = 0 }));
        Assert.StartsWith("IpaBits 0 is outside 1..64.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ProducerKind.Toolstack, new ExtendedRegionsEngine().Compute(DomU(ipaBits: 0)).Producer);
    }

    [Theory]
    [InlineData(DomainWidth.Bits32, true)]
    [InlineData(DomainWidth.Bits64, false)]
    public void Libxl_ignoring_either_setting_alone_is_said_once(DomainWidth width, bool enabled)
    {
        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(DomU() with { Width = width, ExtendedRegionsEnabled = enabled });
        EngineDiagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal(EngineDiagnosticId.ToolstackIgnoresWidthAndOption, d.Id);
        Assert.Equal(
            "libxl ignores the guest's width and Xen's ext_regions option: an xl-created domU gets regions even when 32-bit or with ext_regions=0",
            d.Message);
    }

    [Fact]
    public void A_coloured_hardware_domain_before_4_20_is_said_to_need_4_20()
    {
        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(Dom0("4.19.3") with { Kind = DomainKind.ColouredHardwareDomain });
        EngineDiagnostic d = Assert.Single(result.Diagnostics, x => x.Id == EngineDiagnosticId.ColouredHardwareDomainBefore420);
        Assert.Equal("a non direct-mapped hardware domain needs 4.20+; this release tests is_domain_direct_mapped and would use find_domU_holes", d.Message);
    }

    [Fact]
    public void A_domU_without_a_grant_window_stands_for_the_guest_grant_table_constants()
    {
        MemoryBank grant = DomU().EffectiveGrantWindow;
        Assert.Equal(new MemoryBank(XenConstants.GuestGrantTableBase, XenConstants.GuestGrantTableSize, MemoryBankKind.GrantTable, "GUEST_GNTTAB"), grant);
        Assert.Equal("GUEST_GNTTAB", grant.Source);
        Assert.Equal(new MemoryBank(0, 0, MemoryBankKind.GrantTable), Dom0().EffectiveGrantWindow);
    }
}
