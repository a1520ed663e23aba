using System;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.Memory;

/// <summary>The capacity exception names the capacity and the bank when it has them; the standard constructors keep their message.</summary>
public sealed class MemoryBankCapacityExceededExceptionTests
{
    [Fact]
    public void Names_the_capacity_and_the_bank_that_did_not_fit()
    {
        var bank = new MemoryBank(0x40000000, 0x1000, MemoryBankKind.ReservedMemory);
        var error = new MemoryBankCapacityExceededException(256, bank);
        Assert.Equal(256, error.Capacity);
        Assert.Equal(bank, error.Bank);
        Assert.Equal("The bank list is full: it holds its capacity of 256 banks, so [0x40000000, 0x40000fff] size 0x1000 (ReservedMemory) does not fit.", error.Message);
    }

    [Fact]
    public void Standard_constructors_keep_message_and_cause_and_leave_capacity_and_bank_unset()
    {
        var plain = new MemoryBankCapacityExceededException();
        Assert.Equal("The bank list is full.", plain.Message);
        Assert.Equal(0, plain.Capacity);
        Assert.Equal(default, plain.Bank);

        Assert.Equal("too many", new MemoryBankCapacityExceededException("too many").Message);
        var cause = new InvalidOperationException("cause");
        var wrapped = new MemoryBankCapacityExceededException("too many", cause);
        Assert.Equal("too many", wrapped.Message);
        Assert.Same(cause, wrapped.InnerException);
    }
}
