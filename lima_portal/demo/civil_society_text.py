"""The words of the demo's civil society, in the languages organisations write in."""

APPLICATIONS = {
    "poder": {
        "scope": "ARG",
        "language": "es",
        "approved": True,
        "content": {
            "name": "Poder Ciudadano (demo)",
            "website": "https://poderciudadano.example.org",
            "contact_name": "Demo Member Poder Ciudadano",
            "contact_email": "member.poder@demo.lima-portal.test",
            "description": (
                "Organización de la sociedad civil que vigila las compras "
                "públicas y el acceso a la información en Argentina."
            ),
        },
    },
    "regional": {
        "scope": None,
        "language": "pt",
        "approved": True,
        "content": {
            "name": "Observatório Regional Anticorrupção (demo)",
            "website": "https://observatorio-regional.example.org",
            "contact_name": "Demo Member Regional Observatory",
            "contact_email": "member.regional@demo.lima-portal.test",
            "description": (
                "Rede de organizações que acompanha a implementação do "
                "Compromisso de Lima em toda a região."
            ),
        },
    },
    "applying": {
        "scope": "JAM",
        "language": "en",
        "approved": False,
        "content": {
            "name": "Citizens for Integrity Jamaica (demo)",
            "website": "https://integrity-jamaica.example.org",
            "contact_name": "Demo Applicant",
            "contact_email": "applicant@integrity-jamaica.example.org",
            "description": (
                "A new coalition that follows beneficial-ownership registers "
                "and asset declarations in Jamaica."
            ),
        },
    },
}

# `rank`: which of the participant's published reports the observation sits
# beside (0 = the one on the lowest mandate number).
OBSERVATIONS = [
    {
        "organisation": "poder",
        "participant": "ARG",
        "rank": 0,
        "status": "published",
        "reply": True,
        "content": {
            "assessment": "initial",
            "language": "es",
            "text": (
                "La ley existe, pero su reglamentación sigue pendiente y el "
                "organismo de control no publicó sus informes de 2023. "
                "Fuentes: Boletín Oficial; pedido de acceso a la información "
                "n.º 1234 sin respuesta."
            ),
        },
    },
    {
        "organisation": "poder",
        "participant": "ARG",
        "rank": 1,
        "status": "published",
        "content": {
            "assessment": "not_started",
            "language": "es",
            "text": (
                "No encontramos ninguna medida publicada sobre este mandato. "
                "Consultamos el portal de datos abiertos y las memorias "
                "anuales del ministerio."
            ),
        },
    },
    {
        "organisation": "poder",
        "participant": "ARG",
        "rank": 2,
        "status": "declined",
        "reason": (
            "The observation names a public official and gives no source. "
            "Remove the name and cite where the facts come from."
        ),
        "content": {
            "assessment": "not_started",
            "language": "es",
            "text": "El funcionario responsable no hizo nada.",
        },
    },
    {
        "organisation": "poder",
        "participant": "ARG",
        "rank": 3,
        "status": "draft",
        "content": {
            "assessment": "cannot_assess",
            "language": "es",
            "text": "Borrador: esperamos la respuesta a nuestro pedido de información.",
        },
    },
    {
        "organisation": "regional",
        "participant": "OAS",
        "rank": 0,
        "status": "published",
        "content": {
            "assessment": "advanced",
            "language": "pt",
            "text": (
                "O programa de cooperação técnica foi executado conforme "
                "relatado; os relatórios de avaliação estão publicados no "
                "site da organização."
            ),
        },
    },
    {
        "organisation": "regional",
        "participant": "JAM",
        "rank": 0,
        "status": "published",
        "content": {
            "assessment": "in_progress",
            "language": "en",
            "text": (
                "The asset-declaration system is in place for ministers but not "
                "yet for senior civil servants. Source: the Integrity "
                "Commission's annual report."
            ),
        },
    },
    {
        "organisation": "regional",
        "participant": "JAM",
        "rank": 1,
        "status": "submitted",
        "content": {
            "assessment": "cannot_assess",
            "language": "fr",
            "text": (
                "Les données publiques ne permettent pas d’évaluer la mise en "
                "œuvre : le registre n’est pas consultable en ligne."
            ),
        },
    },
]

REPLY = {
    "language": "es",
    "text": (
        "La reglamentación fue aprobada por decreto en mayo y los informes de "
        "2023 del organismo de control se publicarán este trimestre."
    ),
}
