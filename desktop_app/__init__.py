"""TienDo: progress reporting on provincial social-policy implementation plans."""

__version__ = "0.1.0"
