-- Yearly tallies so that the figures of thousands of communes are read, not counted (issue 13;
-- decision 0015 keeps day tallies of ratings, decision 0025 adds these).

-- Ratings per commune, year, score: folded with the day tallies when days are sealed
-- (satisfaction/results.ts), adjusted in the same transaction when a rating of a sealed day is hidden.
create table rating_years (
  commune_id uuid not null references communes (id),
  year integer not null,
  score smallint not null,
  with_dossier boolean not null,
  n integer not null,
  primary key (commune_id, year, score, with_dossier)
);
insert into rating_years (commune_id, year, score, with_dossier, n)
select commune_id, extract(year from rated_on)::int, score, with_dossier, sum(n)::int
  from rating_days
 group by 1, 2, 3, 4;

-- Questionnaire answers per commune, year and element, and responses per commune and year, kept by
-- triggers as answers arrive (a few a day: no contention) and when a response is hidden.
create table survey_element_years (
  commune_id uuid not null references communes (id),
  year integer not null,
  element_key text not null,
  answers integer not null,
  satisfied integer not null,
  primary key (commune_id, year, element_key)
);
create table survey_years (
  commune_id uuid not null references communes (id),
  year integer not null,
  responses integer not null,
  primary key (commune_id, year)
);
insert into survey_element_years (commune_id, year, element_key, answers, satisfied)
select a.commune_id, extract(year from a.responded_on)::int, a.element_key, count(*)::int,
       (count(*) filter (where a.score >= 4))::int
  from survey_answers a
  join survey_responses r on r.commune_id = a.commune_id and r.id = a.response_id
 where r.hidden_at is null
 group by 1, 2, 3;
insert into survey_years (commune_id, year, responses)
select commune_id, extract(year from responded_on)::int, count(*)::int
  from survey_responses where hidden_at is null group by 1, 2;

create function survey_answer_tally() returns trigger language plpgsql as $$
begin
  insert into survey_element_years (commune_id, year, element_key, answers, satisfied)
  values (new.commune_id, extract(year from new.responded_on)::int, new.element_key, 1,
          case when new.score >= 4 then 1 else 0 end)
  on conflict (commune_id, year, element_key) do update
    set answers = survey_element_years.answers + 1,
        satisfied = survey_element_years.satisfied + excluded.satisfied;
  return null;
end;
$$;
create trigger survey_answers_tally after insert on survey_answers
  for each row execute function survey_answer_tally();

create function survey_response_tally() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    if new.hidden_at is null then
      insert into survey_years (commune_id, year, responses)
      values (new.commune_id, extract(year from new.responded_on)::int, 1)
      on conflict (commune_id, year) do update set responses = survey_years.responses + 1;
    end if;
  elsif old.hidden_at is null and new.hidden_at is not null then
    update survey_years set responses = responses - 1
     where commune_id = old.commune_id and year = extract(year from old.responded_on)::int;
    update survey_element_years t
       set answers = t.answers - s.answers, satisfied = t.satisfied - s.satisfied
      from (select element_key, count(*)::int as answers, (count(*) filter (where score >= 4))::int as satisfied
              from survey_answers where commune_id = old.commune_id and response_id = old.id
             group by element_key) s
     where t.commune_id = old.commune_id and t.year = extract(year from old.responded_on)::int
       and t.element_key = s.element_key;
  end if;
  return null;
end;
$$;
create trigger survey_responses_tally after insert or update of hidden_at on survey_responses
  for each row execute function survey_response_tally();

