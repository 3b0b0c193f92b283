# ruff: noqa: E501
# (sentences read better unbroken)
"""Phrases from which the demo writes plausible practices and capacities.

Each topic has a phrase per language and the mandates it serves; the demo
and the search benchmark combine them with a seeded random, so the same seed
always gives the same records.
"""

# (en, es, pt, fr), mandates
TOPICS = [
    (
        (
            "asset declarations",
            "declaraciones juradas patrimoniales",
            "declarações de bens",
            "déclarations de patrimoine",
        ),
        [10, 11],
    ),
    (
        (
            "access to public information",
            "acceso a la información pública",
            "acesso à informação pública",
            "accès à l'information publique",
        ),
        [16, 14],
    ),
    (
        (
            "public procurement",
            "contrataciones públicas",
            "compras públicas",
            "marchés publics",
        ),
        [14, 17, 31],
    ),
    (
        (
            "whistleblower protection",
            "protección de denunciantes",
            "proteção de denunciantes",
            "protection des lanceurs d'alerte",
        ),
        [22, 24],
    ),
    (
        (
            "beneficial ownership registers",
            "registros de beneficiarios finales",
            "registros de beneficiários finais",
            "registres des bénéficiaires effectifs",
        ),
        [12, 21, 37],
    ),
    (
        (
            "conflicts of interest",
            "conflictos de intereses",
            "conflitos de interesses",
            "conflits d'intérêts",
        ),
        [10, 11, 12],
    ),
    (
        (
            "judicial independence",
            "independencia judicial",
            "independência judicial",
            "indépendance de la justice",
        ),
        [2, 1],
    ),
    (
        (
            "open government data",
            "datos abiertos de gobierno",
            "dados abertos governamentais",
            "données publiques ouvertes",
        ),
        [20, 17, 19],
    ),
    (
        (
            "money laundering",
            "lavado de activos",
            "lavagem de dinheiro",
            "blanchiment de capitaux",
        ),
        [21, 13, 40],
    ),
    (
        (
            "citizen participation",
            "participación ciudadana",
            "participação cidadã",
            "participation citoyenne",
        ),
        [5, 13, 3],
    ),
    (
        (
            "internal control and audit",
            "control interno y auditoría",
            "controle interno e auditoria",
            "contrôle interne et audit",
        ),
        [15, 13, 28],
    ),
    (
        (
            "gender equality in integrity policies",
            "igualdad de género en las políticas de integridad",
            "igualdade de gênero nas políticas de integridade",
            "égalité de genre dans les politiques d'intégrité",
        ),
        [7, 8],
    ),
    (
        (
            "integrity education",
            "educación para la integridad",
            "educação para a integridade",
            "éducation à l'intégrité",
        ),
        [3, 4],
    ),
    (
        (
            "protection of journalists",
            "protección de periodistas",
            "proteção de jornalistas",
            "protection des journalistes",
        ),
        [23, 22],
    ),
    (
        (
            "inclusion of indigenous peoples",
            "inclusión de pueblos indígenas",
            "inclusão dos povos indígenas",
            "inclusion des peuples autochtones",
        ),
        [6, 9],
    ),
    (
        (
            "corruption statistics",
            "estadísticas sobre corrupción",
            "estatísticas sobre corrupção",
            "statistiques sur la corruption",
        ),
        [19, 57],
    ),
    (
        (
            "campaign finance oversight",
            "fiscalización del financiamiento de campañas",
            "fiscalização do financiamento de campanhas",
            "contrôle du financement des campagnes",
        ),
        [45, 46],
    ),
    (
        (
            "asset recovery",
            "recuperación de activos",
            "recuperação de ativos",
            "recouvrement des avoirs",
        ),
        [50, 52],
    ),
]
LANGUAGE_INDEX = {"en": 0, "es": 1, "pt": 2, "fr": 3}

PRACTICE_TITLES = {
    "en": [
        "Online register of {topic}",
        "National strategy on {topic}",
        "Training programme on {topic} for public servants",
        "Digital platform for {topic}",
        "Inter-agency network on {topic}",
        "Citizen monitoring of {topic}",
        "Risk-based reviews of {topic}",
        "Municipal pilot on {topic}",
    ],
    "es": [
        "Registro en línea de {topic}",
        "Estrategia nacional sobre {topic}",
        "Programa de formación sobre {topic} para servidores públicos",
        "Plataforma digital para {topic}",
        "Red interinstitucional sobre {topic}",
        "Monitoreo ciudadano de {topic}",
        "Revisión basada en riesgos de {topic}",
        "Piloto municipal sobre {topic}",
    ],
    "pt": [
        "Registro eletrônico de {topic}",
        "Estratégia nacional sobre {topic}",
        "Programa de formação sobre {topic} para servidores públicos",
        "Plataforma digital para {topic}",
        "Rede interinstitucional sobre {topic}",
        "Monitoramento cidadão de {topic}",
        "Revisão baseada em riscos de {topic}",
        "Projeto-piloto municipal sobre {topic}",
    ],
    "fr": [
        "Registre en ligne des {topic}",
        "Stratégie nationale sur {topic}",
        "Programme de formation sur {topic} pour les agents publics",
        "Plateforme numérique pour {topic}",
        "Réseau interinstitutionnel sur {topic}",
        "Suivi citoyen de {topic}",
        "Examens fondés sur les risques : {topic}",
        "Projet pilote municipal sur {topic}",
    ],
}

# (name, "by" phrase) per language
INSTITUTIONS = {
    "en": [
        (
            "Office of the Comptroller General",
            "by the Office of the Comptroller General",
        ),
        ("Ministry of Justice", "by the Ministry of Justice"),
        ("National Anti-Corruption Office", "by the National Anti-Corruption Office"),
        ("Supreme Audit Institution", "by the Supreme Audit Institution"),
        ("Public Prosecutor's Office", "by the Public Prosecutor's Office"),
        ("Integrity Commission", "by the Integrity Commission"),
    ],
    "es": [
        ("Contraloría General", "por la Contraloría General"),
        ("Ministerio de Justicia", "por el Ministerio de Justicia"),
        ("Oficina Anticorrupción", "por la Oficina Anticorrupción"),
        ("Auditoría Superior", "por la Auditoría Superior"),
        ("Fiscalía General", "por la Fiscalía General"),
        ("Consejo de la Magistratura", "por el Consejo de la Magistratura"),
    ],
    "pt": [
        ("Controladoria-Geral da União", "pela Controladoria-Geral da União"),
        ("Ministério da Justiça", "pelo Ministério da Justiça"),
        ("Tribunal de Contas", "pelo Tribunal de Contas"),
        ("Ministério Público Federal", "pelo Ministério Público Federal"),
        ("Conselho Nacional de Justiça", "pelo Conselho Nacional de Justiça"),
    ],
    "fr": [
        (
            "Unité de lutte contre la corruption",
            "par l'Unité de lutte contre la corruption",
        ),
        ("Ministère de la Justice", "par le ministère de la Justice"),
        ("Cour supérieure des comptes", "par la Cour supérieure des comptes"),
        ("Commissariat à l'intégrité", "par le Commissariat à l'intégrité"),
        ("Inspection générale des finances", "par l'Inspection générale des finances"),
    ],
}

SUMMARIES = {
    "en": [
        "Led {by}, this initiative strengthened {topic} and reached {n} public bodies.",
        "A reform of {topic} carried out {by}, with measurable results in {year}.",
        "{topic_cap}: a low-cost approach adopted {by} that other states can reuse.",
    ],
    "es": [
        "Impulsada {by}, la iniciativa fortaleció {topic} y llegó a {n} entidades públicas.",
        "Una reforma de {topic} llevada a cabo {by}, con resultados medibles en {year}.",
        "{topic_cap}: un enfoque de bajo costo adoptado {by} que otros Estados pueden replicar.",
    ],
    "pt": [
        "Conduzida {by}, a iniciativa fortaleceu {topic} e alcançou {n} órgãos públicos.",
        "Uma reforma de {topic} realizada {by}, com resultados mensuráveis em {year}.",
        "{topic_cap}: uma abordagem de baixo custo adotada {by} que outros Estados podem replicar.",
    ],
    "fr": [
        "Menée {by}, l'initiative a renforcé {topic} et a touché {n} organismes publics.",
        "Une réforme de {topic} conduite {by}, avec des résultats mesurables en {year}.",
        "{topic_cap} : une approche peu coûteuse adoptée {by} que d'autres États peuvent reprendre.",
    ],
}

SENTENCES = {
    "en": [
        "The prevention of corruption requires reliable information on {topic}.",
        "A working group drafted the rules, consulted civil society and published the guidelines.",
        "Officials received training and a help desk answered {n} questions in the first year.",
        "The system cross-checks records with tax and company registers to detect risks early.",
        "Data are published in open formats every quarter.",
        "The project was financed from the national budget with support from international partners.",
    ],
    "es": [
        "La prevención de la corrupción requiere información confiable sobre {topic}.",
        "Un grupo de trabajo redactó las normas, consultó a la sociedad civil y publicó los lineamientos.",
        "Los funcionarios recibieron capacitación y una mesa de ayuda respondió {n} consultas en el primer año.",
        "El sistema cruza los registros con los padrones tributarios y societarios para detectar riesgos a tiempo.",
        "Los datos se publican en formatos abiertos cada trimestre.",
        "El proyecto se financió con el presupuesto nacional y el apoyo de socios internacionales.",
    ],
    "pt": [
        "A prevenção da corrupção exige informações confiáveis sobre {topic}.",
        "Um grupo de trabalho redigiu as normas, consultou a sociedade civil e publicou as orientações.",
        "Os servidores receberam capacitação e uma central de atendimento respondeu {n} perguntas no primeiro ano.",
        "O sistema cruza os registros com os cadastros fiscais e empresariais para detectar riscos cedo.",
        "Os dados são publicados em formatos abertos a cada trimestre.",
        "O projeto foi financiado pelo orçamento nacional com apoio de parceiros internacionais.",
    ],
    "fr": [
        "La prévention de la corruption exige des informations fiables sur {topic}.",
        "Un groupe de travail a rédigé les règles, consulté la société civile et publié les lignes directrices.",
        "Les agents ont été formés et un service d'assistance a répondu à {n} questions la première année.",
        "Le système croise les registres avec les fichiers fiscaux et des sociétés pour détecter les risques tôt.",
        "Les données sont publiées en formats ouverts chaque trimestre.",
        "Le projet a été financé par le budget national avec l'appui de partenaires internationaux.",
    ],
}

RESULTS = {
    "en": "Compliance rose from {a}% to {b}% between {y1} and {y2}; an external evaluation confirmed the change.",
    "es": "El cumplimiento pasó del {a} % al {b} % entre {y1} y {y2}; una evaluación externa confirmó el cambio.",
    "pt": "O cumprimento passou de {a}% para {b}% entre {y1} e {y2}; uma avaliação externa confirmou a mudança.",
    "fr": "Le taux de conformité est passé de {a} % à {b} % entre {y1} et {y2} ; une évaluation externe l'a confirmé.",
}

# One opening per type of support (progress.models.SupportType).
CAPACITY_TITLES = {
    "en": {
        "training": "Training course on {topic}",
        "technical_assistance": "Technical assistance on {topic}",
        "tools": "Guide and toolkit on {topic}",
        "funding": "Grants for projects on {topic}",
        "expert_exchange": "Peer exchange of experts on {topic}",
    },
    "es": {
        "training": "Curso de capacitación sobre {topic}",
        "technical_assistance": "Asistencia técnica en {topic}",
        "tools": "Guía y herramientas sobre {topic}",
        "funding": "Fondos para proyectos de {topic}",
        "expert_exchange": "Intercambio de expertos en {topic}",
    },
    "pt": {
        "training": "Curso de capacitação sobre {topic}",
        "technical_assistance": "Assistência técnica em {topic}",
        "tools": "Guia e ferramentas sobre {topic}",
        "funding": "Financiamento de projetos de {topic}",
        "expert_exchange": "Intercâmbio de especialistas em {topic}",
    },
    "fr": {
        "training": "Formation sur {topic}",
        "technical_assistance": "Assistance technique : {topic}",
        "tools": "Guide et outils : {topic}",
        "funding": "Financement de projets : {topic}",
        "expert_exchange": "Échange d'experts : {topic}",
    },
}

CAPACITY_SUMMARIES = {
    "en": "Support for states that want to design or improve {topic}, delivered online or on site.",
    "es": "Apoyo a los Estados que quieran diseñar o mejorar {topic}, en línea o de forma presencial.",
    "pt": "Apoio aos Estados que desejam criar ou aprimorar {topic}, on-line ou presencialmente.",
    "fr": "Appui aux États qui souhaitent concevoir ou améliorer {topic}, en ligne ou sur place.",
}

HOW_TO_REQUEST = {
    "en": "The focal point writes to the contact address with a short description of the need; we answer within {n} days.",
    "es": "El punto focal escribe a la dirección de contacto con una breve descripción de la necesidad; respondemos en {n} días.",
    "pt": "O ponto focal escreve para o endereço de contato com uma breve descrição da necessidade; respondemos em {n} dias.",
    "fr": "Le point focal écrit à l'adresse de contact en décrivant brièvement le besoin ; nous répondons sous {n} jours.",
}
