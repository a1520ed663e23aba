using XenExtRegions.Memory;

namespace XenExtRegions.Tests.Memory;

/// <summary>A boot module becomes a bank of kind BootModule, labelled by where it was found or else by its kind.</summary>
public sealed class BootModuleTests
{
    [Fact]
    public void As_a_bank_it_keeps_start_and_size_and_is_labelled_by_its_source()
    {
        var module = new BootModule(BootModuleKind.Kernel, 0x80080000, 0x1e00000, "/chosen/module@80080000");
        Assert.Equal(new MemoryBank(0x80080000, 0x1e00000, MemoryBankKind.BootModule, "/chosen/module@80080000"), module.Bank);
    }

    [Fact]
    public void Without_a_source_the_bank_is_labelled_by_the_module_kind()
    {
        Assert.Equal("Ramdisk", new BootModule(BootModuleKind.Ramdisk, 0x84000000, 0x1000).Bank.Source);
        Assert.Null(new BootModule(BootModuleKind.Ramdisk, 0x84000000, 0x1000).Source);
    }

    [Fact]
    public void Equality_takes_kind_start_size_and_source()
    {
        var module = new BootModule(BootModuleKind.XsmPolicy, 0x1000, 0x2000, "MODULE[2]");
        Assert.True(module == new BootModule(BootModuleKind.XsmPolicy, 0x1000, 0x2000, "MODULE[2]"));
        Assert.False(module != new BootModule(BootModuleKind.XsmPolicy, 0x1000, 0x2000, "MODULE[2]"));
        Assert.True(module.Equals((object)new BootModule(BootModuleKind.XsmPolicy, 0x1000, 0x2000, "MODULE[2]")));
        Assert.False(module.Equals((object)module.Bank));
        Assert.True(module != new BootModule(BootModuleKind.Kernel, 0x1000, 0x2000, "MODULE[2]"));
        Assert.True(module != new BootModule(BootModuleKind.XsmPolicy, 0x1001, 0x2000, "MODULE[2]"));
        Assert.True(module != new BootModule(BootModuleKind.XsmPolicy, 0x1000, 0x2001, "MODULE[2]"));
        Assert.True(module != new BootModule(BootModuleKind.XsmPolicy, 0x1000, 0x2000, "module[2]"));
    }

    [Fact]
    public void Hash_code_depends_on_kind_start_and_size()
    {
        int hash = new BootModule(BootModuleKind.Kernel, 1, 1).GetHashCode();
        Assert.Equal(hash, new BootModule(BootModuleKind.Kernel, 1, 1, "elsewhere").GetHashCode());
        Assert.NotEqual(hash, new BootModule(BootModuleKind.Ramdisk, 1, 1).GetHashCode());
        Assert.NotEqual(hash, new BootModule(BootModuleKind.Kernel, 2, 1).GetHashCode());
        Assert.NotEqual(hash, new BootModule(BootModuleKind.Kernel, 1, 2).GetHashCode());
    }

    [Fact]
    public void ToString_prints_kind_start_and_size_in_hexadecimal() =>
        Assert.Equal("DeviceTree 0x40000000 size 0x10000", new BootModule(BootModuleKind.DeviceTree, 0x40000000, 0x10000).ToString());
}
