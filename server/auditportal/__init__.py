"""Customer audit management portal (客户稽核管理)."""

__version__ = "0.1.0"
